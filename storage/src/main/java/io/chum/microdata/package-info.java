/**
 * The canonical ONE object encoding (one-spec §1.2–§1.3): the microdata writer, the strict parser, fast
 * byte-level helpers (type, references, ID microdata) and the {@link io.chum.microdata.Canonical} facade
 * that validates, renders and hashes.
 *
 * <p>Everything here is byte-exact with one.core: the same object gives the same bytes and therefore the
 * same SHA-256 hash on both sides.
 */
package io.chum.microdata;
