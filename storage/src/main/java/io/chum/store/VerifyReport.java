package io.chum.store;

import java.util.List;

/**
 * What {@link OneStore#verify} checked and found. Immutable.
 *
 * @param objects   objects checked
 * @param idObjects ID objects checked
 * @param blobs     BLOBs checked
 * @param clobs     CLOBs checked
 * @param problems  every problem found, in log order
 */
public record VerifyReport(long objects, long idObjects, long blobs, long clobs, List<VerifyProblem> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** True if no problem was found. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
