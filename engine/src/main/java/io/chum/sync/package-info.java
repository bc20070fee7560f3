/**
 * The public API of a chum: {@link io.chum.sync.ChumSync#createChum} runs one chum over a connection and returns a
 * {@link io.chum.sync.ChumApi}; {@link io.chum.sync.ChumServer} runs one chum per accepted connection. A chum's
 * session drives the handshake, its exporter and importer, the ending, and writes the Chum object, which
 * {@link io.chum.sync.ChumLog} derives from the chum's log records (so an interrupted chum can still be logged).
 */
package io.chum.sync;
