package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;

/** {@code HOST:PORT} from the command line. Immutable. */
record HostPort(String host, int port) {
    static HostPort parse(final String text) {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ChumException(ErrorCode.USAGE, "expected HOST:PORT, not '" + text + "'");
        }
        final int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (final NumberFormatException e) {
            throw new ChumException(ErrorCode.USAGE, "not a port number in '" + text + "'");
        }
        if (port < 0 || port > 65535) {
            throw new ChumException(ErrorCode.USAGE, "port out of range in '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
