package io.chum.cli;

import io.chum.ChumException;
import io.chum.ErrorCode;
import io.chum.identity.LocalIdentity;
import io.chum.model.CoreRecipes;
import io.chum.model.IdHash;
import io.chum.model.Sha256Value;
import io.chum.store.OneStore;

import java.util.Locale;

/**
 * A person given on the command line: an email, or the ID hash (64 hex) of a Person ID object in the store. For
 * an email the Person's ID object is stored if it is missing, so that grants and groups naming the person keep the
 * store closed.
 */
final class PersonArgument {
    private PersonArgument() {
    }

    static IdHash resolve(final OneStore store, final String person) {
        if (person.isEmpty()) {
            throw new ChumException(ErrorCode.USAGE, "a person is an email or a Person ID hash, not empty");
        }
        // upper-case hex as well: an email is never 64 hex digits, so it would only make up a person
        final String hex = person.toLowerCase(Locale.ROOT);
        if (Sha256Value.isHex(hex)) {
            final IdHash id = IdHash.ofHex(hex);
            if (!store.exists(id)) {
                throw new ChumException(ErrorCode.NOT_FOUND, "no Person ID object " + person
                    + " in the store (give an email to name a person the store does not know yet)");
            }
            final String type = store.typeOf(id);
            if (!CoreRecipes.PERSON.equals(type)) {
                throw new ChumException(ErrorCode.WRONG_TYPE, person + " is the ID hash of a " + type
                    + ", not of a Person");
            }
            return id;
        }
        final IdHash id = LocalIdentity.personId(person);
        if (!store.exists(id)) {
            store.storeIdObject(LocalIdentity.personIdObject(person));
        }
        return id;
    }
}
