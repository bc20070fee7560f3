package io.chum.cli;

import io.chum.store.StoreAs;
import picocli.CommandLine;

import java.util.Locale;

/** Reads {@code change}, {@code merge} or {@code no-version-map}. */
final class StoreAsConverter implements CommandLine.ITypeConverter<StoreAs> {
    @Override
    public StoreAs convert(final String value) {
        try {
            return StoreAs.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("expected change, merge or no-version-map, not '" + value + "'");
        }
    }
}
