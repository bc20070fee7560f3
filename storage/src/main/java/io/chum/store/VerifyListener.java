package io.chum.store;

/** Progress of {@link OneStore#verify}, called on the verifying thread. */
@FunctionalInterface
public interface VerifyListener {
    /** {@code checked} of {@code total} index entries are done. */
    void onProgress(long checked, long total);

    /** A listener that ignores progress. */
    VerifyListener NONE = (checked, total) -> { };
}
