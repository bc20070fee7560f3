package io.chum.cli;

import io.chum.protocol.ChumProtocol;

/** {@code --max-notification-delay}, shared by {@code serve} and {@code sync}, with the protocol's default. */
final class NotificationDelayOption {
    static final OptionDef OPTION = new OptionDef("--max-notification-delay", "MS",
        "keepRunning: longest wait before new objects are offered (ms, ≥ 1; default ${DEFAULT-VALUE}).",
        String.valueOf(ChumProtocol.DEFAULT_NOTIFICATION_DELAY_MS), false, false);

    private NotificationDelayOption() {
    }

    static int millis(final Arguments args) {
        return args.intValueAtLeast(OPTION.name(), ChumProtocol.MIN_NOTIFICATION_DELAY_MS);
    }
}
