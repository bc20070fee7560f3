package io.chum.log;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses appends that would leave less than the reserve free on the log's file system.
 *
 * <p>Writing memory-mapped pages on a full disk raises SIGBUS ({@code InternalError}) instead of an
 * {@code IOException}, so the check must come before the write. The usable space is read from the file
 * store only every {@code checkInterval} bytes (and whenever the estimate says the reserve is reached);
 * in between, bytes written are subtracted from the last reading. Other processes writing to the same
 * disk are caught at the next re-read. Not thread-safe: owned by the appender's thread.
 */
final class DiskSpaceGuard {
    /** Usable bytes of a file system, as {@link FileStore#getUsableSpace()} reads them. */
    interface UsableSpace {
        long read() throws IOException;
    }

    private final Path dir;
    private final UsableSpace usableSpace;
    private final long reserve;
    private final long checkInterval;
    private long usableEstimate;
    private long writtenSinceCheck;

    DiskSpaceGuard(final Path dir, final long reserve, final long checkInterval) {
        this(dir, reserve, checkInterval, fileStoreOf(dir)::getUsableSpace);
    }

    /** For tests: the usable space from {@code usableSpace} instead of the file system's. */
    DiskSpaceGuard(final Path dir, final long reserve, final long checkInterval, final UsableSpace usableSpace) {
        this.dir = dir;
        this.reserve = reserve;
        this.checkInterval = checkInterval;
        this.usableSpace = usableSpace;
        refresh();
    }

    private static FileStore fileStoreOf(final Path dir) {
        try {
            return Files.getFileStore(dir);
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot find the file system of " + dir + ": "
                + ChumException.describe(e), e);
        }
    }

    /**
     * Accounts for {@code bytes} about to be written, or throws DISK_FULL (nothing written) if they would eat into
     * the reserve by more than {@code slack}: 0, or what the small records that must still be written when the disk
     * is full may use (a chum's END after its Chum object).
     */
    void reserve(final long bytes, final long slack) {
        final long floor = reserve - slack;
        if (writtenSinceCheck >= checkInterval || usableEstimate - bytes < floor) {
            refresh();
        }
        if (usableEstimate - bytes < floor) {
            throw refused(bytes);
        }
        usableEstimate -= bytes;
        writtenSinceCheck += bytes;
    }

    /** Throws DISK_FULL unless {@code bytes} (a whole payload about to be chunked) fit above the reserve now. */
    void check(final long bytes) {
        refresh();
        if (usableEstimate - bytes < reserve) {
            throw refused(bytes);
        }
    }

    private ChumException refused(final long bytes) {
        return new ChumException(ErrorCode.DISK_FULL, "not appending " + bytes + " bytes to the log in " + dir
            + ": " + usableEstimate + " bytes usable and " + reserve + " bytes must stay free; free some space");
    }

    private void refresh() {
        try {
            usableEstimate = usableSpace.read();
            writtenSinceCheck = 0;
        } catch (final IOException e) {
            throw new ChumException(ErrorCode.IO, "cannot read the free space of " + dir + ": "
                + ChumException.describe(e), e);
        }
    }
}
