/**
 * The importer of a chum: answers offers with what the local store lacks, assembles the data (small entries in
 * memory, large BLOBs streamed into the store's staging), verifies every entry of a batch (hash, strict parse, kind,
 * type, closure) before anything of it is stored, commits the batch with one {@code importBatch}, adopts received
 * version histories, and acknowledges. The connection side runs on the session's reader thread
 * ({@link io.chum.importer.Importer}); verification and commit on a thread of their own
 * ({@link io.chum.importer.ImportCommitter}).
 */
package io.chum.importer;
