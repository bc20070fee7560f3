package io.chum.cli;

import io.chum.protocol.ChumProtocol;
import picocli.CommandLine.Option;

/**
 * {@code --max-notification-delay}, shared by {@code serve} and {@code sync}, with the protocol's default.
 * Filled in by picocli on the command's thread; read once when the chum starts.
 */
final class NotificationDelayOption {
    @Option(names = "--max-notification-delay", paramLabel = "MS",
        defaultValue = "" + ChumProtocol.DEFAULT_NOTIFICATION_DELAY_MS,
        description = "keepRunning: longest wait before new objects are offered (ms, ≥ 1; default ${DEFAULT-VALUE}).")
    private int maxNotificationDelay;

    int millis() {
        return maxNotificationDelay;
    }
}
