package io.chum.cli;

import io.chum.model.RecipeRegistry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    boolean json() {
        return json;
    }

    Path storeDir() {
        return store;
    }

    /** The recipes to use: the core recipes, plus the store's application recipes when --store is given. */
    RecipeRegistry recipes() {
        return RecipeRegistry.withCoreRecipes();
    }
}
