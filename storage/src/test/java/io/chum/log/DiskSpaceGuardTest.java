package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The disk reserve, and the part of it a chum's own records may use (storage-format.md §10). */
class DiskSpaceGuardTest {
    private static final long MIB = 1 << 20;
    private static final long RESERVE = 64 * MIB;

    @Test
    void shouldLetOnlyRecordsWithSlackDipIntoTheReserve() {
        final AtomicLong usable = new AtomicLong(RESERVE + 100);
        final DiskSpaceGuard guard = new DiskSpaceGuard(Path.of("log"), RESERVE, 4 * MIB, usable::get);

        guard.reserve(100, 0);
        usable.set(RESERVE); // the file system agrees: the next byte would eat into the reserve
        assertEquals(ErrorCode.DISK_FULL, assertThrows(ChumException.class, () -> guard.reserve(1, 0)).errorCode());

        guard.reserve(300, LogAppender.CHUM_RECORD_SLACK);
        guard.reserve(LogAppender.CHUM_RECORD_SLACK - 300, LogAppender.CHUM_RECORD_SLACK);
        usable.set(RESERVE - LogAppender.CHUM_RECORD_SLACK);
        final ChumException beyond = assertThrows(ChumException.class,
            () -> guard.reserve(1, LogAppender.CHUM_RECORD_SLACK));
        assertEquals(ErrorCode.DISK_FULL, beyond.errorCode());
        assertEquals(ErrorCode.DISK_FULL, assertThrows(ChumException.class,
            () -> guard.reserve(2 * MIB, LogAppender.CHUM_RECORD_SLACK)).errorCode());
    }
}
