package io.chum.store;

import java.util.List;

/**
 * The result of {@link OneStore#importBatch}. Immutable.
 *
 * @param stored   entries appended
 * @param existing entries that were present already (skipped)
 * @param statuses one status per entry, in batch order
 */
public record ImportResult(int stored, int existing, List<StoreStatus> statuses) {
    public ImportResult {
        statuses = List.copyOf(statuses);
    }
}
