/**
 * Who may see what: the access roots of a remote person (one-spec §4.2) for a full chum, for an incremental chum
 * (what became accessible in a range of the log) and while a chum keeps running, and the enumeration of a root's
 * reference closure in dependency order for the exporter.
 *
 * <p>Group memberships are fixed when a chum starts ({@link io.chum.access.RemoteAccess#atStart}). Access, IdAccess
 * and Group objects (and their ID objects) are never offered; an object whose closure needs one is skipped with
 * everything that depends on it.
 */
package io.chum.access;
