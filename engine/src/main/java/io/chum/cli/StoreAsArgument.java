package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.store.StoreAs;

import java.util.Locale;

/** {@code --as}: {@code change}, {@code merge} or {@code no-version-map}. */
final class StoreAsArgument {
    private StoreAsArgument() {
    }

    static StoreAs parse(final String value) {
        try {
            return StoreAs.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (final IllegalArgumentException e) {
            throw new ChumException(ErrorCode.USAGE, "--as is change, merge or no-version-map, not '" + value + "'");
        }
    }
}
