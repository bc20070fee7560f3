/**
 * The log layer of a chum-sync store: every write of a ONE instance as a typed event in a Chronicle Queue.
 *
 * <p>Entry point: {@link io.chum.log.EventLog#open(java.nio.file.Path, io.chum.log.LogConfig)}. The writer
 * thread appends through the single {@link io.chum.log.LogAppender}; other threads read by index with a
 * {@link io.chum.log.LogReader} or follow the log with a {@link io.chum.log.LogTailer}. Events are the
 * records of the sealed {@link io.chum.log.LogEvent}; large payloads are chunked
 * ({@link io.chum.log.PayloadRef}, {@link io.chum.log.PayloadWriter}). The on-disk format, recovery and
 * disk-full behaviour are described in {@code docs/storage-format.md}.
 */
package io.chum.log;
