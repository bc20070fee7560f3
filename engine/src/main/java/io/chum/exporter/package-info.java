/**
 * The exporter of a chum: serves what the remote person may see of the local store. It notes a snapshot of the
 * log, finds the access roots (full or from the importer's cursor), probes which of them the importer lacks,
 * offers the closures of the lacking ones in dependency order in pipelined batches, sends the data the importer
 * wants, marks full sync, and in keepRunning mode tails the log for new accessible data. One thread per chum.
 */
package io.chum.exporter;
