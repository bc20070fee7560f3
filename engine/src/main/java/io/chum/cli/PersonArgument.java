package io.chum.cli;

import io.chum.identity.LocalIdentity;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;
import io.chum.store.OneStore;

/**
 * A person given on the command line: an email, or a Person ID hash (64 hex). For an email the Person's
 * ID object is stored if it is missing, so that grants and groups naming the person keep the store closed.
 */
final class PersonArgument {
    private PersonArgument() {
    }

    static IdHash resolve(final OneStore store, final String person) {
        if (Sha256Value.isHex(person)) {
            return IdHash.ofHex(person);
        }
        final IdHash id = LocalIdentity.personId(person);
        if (!store.exists(id)) {
            store.storeIdObject(LocalIdentity.personIdObject(person));
        }
        return id;
    }
}
