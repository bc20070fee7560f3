package io.chum.microdata;

import io.chum.model.ReferenceKind;
import io.chum.model.Sha256Value;

/** Receives the references {@link Microdata#forEachReference} finds, in microdata order. */
@FunctionalInterface
public interface ReferenceVisitor {
    /** One reference: {@code target} is an {@link io.chum.model.IdHash} for {@link ReferenceKind#ID}, else a Hash. */
    void visit(ReferenceKind kind, Sha256Value target);
}
