package io.chum.log;

/** How far an append must get before the writer acknowledges it. */
public enum Durability {
    /**
     * Records are in the page cache when append returns: they survive a crash of the process (kill -9),
     * not of the machine. {@link LogAppender#commitBatch()} does nothing.
     */
    PAGE_CACHE,
    /**
     * As {@link #PAGE_CACHE}, and {@link LogAppender#commitBatch()} forces the written cycle files to disk:
     * one fsync per batch, never one per record.
     */
    GROUP_COMMIT
}
