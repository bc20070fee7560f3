package io.chum.protocol;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the current thread, as the JVM counts them (HotSpot's per-thread allocation counter). */
final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    static boolean supported() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    static long current() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
