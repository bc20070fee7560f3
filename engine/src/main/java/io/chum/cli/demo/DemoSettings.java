package io.chum.cli.demo;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.nio.file.Path;

/**
 * What a demo run does. Immutable.
 *
 * @param objects              about how many data objects (note and album versions, photos) to write, split
 *                             between alice and bob
 * @param liveWrites           writes each way in the keepRunning phase, each timed from write to arrival
 * @param maxNotificationDelay the chum's maxNotificationDelay in ms (both sides)
 * @param parent               where to create the temporary directory; null for the system's temporary directory
 * @param keep                 keep the directory (and both stores) instead of removing it at the end
 */
public record DemoSettings(int objects, int liveWrites, int maxNotificationDelay, Path parent, boolean keep) {
    /** The smallest {@code objects}: enough for every kind of sample data and grant. */
    public static final int MIN_OBJECTS = 100;
    /** The default {@code objects}. */
    public static final int DEFAULT_OBJECTS = 10_000;
    /** The default {@code liveWrites}. */
    public static final int DEFAULT_LIVE_WRITES = 200;
    /** The default {@code maxNotificationDelay} (ms). */
    public static final int DEFAULT_NOTIFICATION_DELAY = 5;

    /** @throws ChumException USAGE if a number is out of range */
    public DemoSettings {
        if (objects < MIN_OBJECTS) {
            throw new ChumException(ErrorCode.USAGE, "--objects must be at least " + MIN_OBJECTS + ", not " + objects);
        }
        if (liveWrites < 1) {
            throw new ChumException(ErrorCode.USAGE, "--writes must be at least 1, not " + liveWrites);
        }
        if (maxNotificationDelay < 1) {
            throw new ChumException(ErrorCode.USAGE, "--max-notification-delay must be at least 1 ms, not "
                + maxNotificationDelay);
        }
    }
}
