package io.chum.exporter;

import io.chum.protocol.OfferEntry;
import io.chum.protocol.Want;

import java.util.List;

/**
 * A batch the exporter offered: its entries, the bytes of its objects (read during the closure walk, so they need
 * not be read again) and, once answered, the importer's WANT. NOT thread-safe: exporter thread only.
 */
final class OutgoingBatch {
    final long id;
    final boolean probe;
    final List<OfferEntry> entries;
    /** Per entry: the microdata of an object or ID object, null for a BLOB or CLOB (and for every probe entry). */
    final byte[][] contents;
    Want want;

    OutgoingBatch(final long id, final boolean probe, final List<OfferEntry> entries, final byte[][] contents) {
        this.id = id;
        this.probe = probe;
        this.entries = entries;
        this.contents = contents;
    }

    int size() {
        return entries.size();
    }
}
