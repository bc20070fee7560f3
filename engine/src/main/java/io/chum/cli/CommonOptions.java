package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.RecipeRegistry;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a command run is given: its parsed arguments, the output streams, and the options most commands share,
 * {@code --json} and {@code --store}. One per command run, used on the command's thread.
 */
final class CommonOptions {
    private final Arguments args;
    private final PrintWriter out;
    private final PrintWriter err;

    CommonOptions(final Arguments args, final PrintWriter out, final PrintWriter err) {
        this.args = args;
        this.out = out;
        this.err = err;
    }

    /** Starts the definition of a command with {@code --json} and {@code --store}. */
    static CommandDef.Builder command(final String name) {
        return CommandDef.named(name)
            .flag("--json", "Machine output: one JSON object per line on stdout.")
            .option("--store", "DIR", "The store directory.");
    }

    Arguments args() {
        return args;
    }

    Output output() {
        return new Output(out, json());
    }

    PrintWriter err() {
        return err;
    }

    boolean json() {
        return args.has("--json");
    }

    /** The --store directory; a usage error if it was not given. */
    Path storeDir() {
        final Path store = args.path("--store");
        if (store == null) {
            throw new ChumException(ErrorCode.USAGE, "'chum " + args.command().name() + "' needs --store DIR");
        }
        return store;
    }

    boolean hasStore() {
        return args.has("--store");
    }

    /** Opens the existing store named by --store. The caller closes it. */
    OneStore openStore() {
        return OneStore.open(storeDir(), StoreConfig.defaults());
    }

    /** The core recipes; the store's recipes are used where a command opened the store. */
    RecipeRegistry coreRecipes() {
        return RecipeRegistry.withCoreRecipes();
    }
}
