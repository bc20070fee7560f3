package io.chum.log;

import java.io.InputStream;

/** Opens a stream over a chunked payload; implemented by {@link EventLog}. Implementations are thread-safe. */
interface PayloadSource {
    InputStream openPayload(PayloadRef ref);
}
