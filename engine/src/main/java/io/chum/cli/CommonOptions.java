package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.model.RecipeRegistry;
import io.chum.store.OneStore;
import io.chum.store.StoreConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Options every command shares: {@code --json} and, where a store is used, {@code --store}. */
final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--json", description = "Machine output: one JSON object per line on stdout.")
    private boolean json;

    @Option(names = "--store", paramLabel = "DIR", description = "The store directory.")
    private Path store;

    Output output() {
        return new Output(spec.commandLine().getOut(), json);
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean json() {
        return json;
    }

    /** The --store directory; a usage error if it was not given. */
    Path storeDir() {
        if (store == null) {
            throw new ChumException(ErrorCode.USAGE, "'chum " + spec.name() + "' needs --store DIR");
        }
        return store;
    }

    boolean hasStore() {
        return store != null;
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
