package io.chum.store;

/** Work that runs on the store's writer thread, with the writer's {@link Writes}. */
@FunctionalInterface
interface WriteTask<T> {
    T run(Writes writes);
}
