/**
 * The projections of a store's event log: object index, version heads, reverse maps, access index, application
 * recipes, trust decisions, chum-record index, and their checkpoint file.
 *
 * <p>{@link io.chum.projection.Projections} is the entry point: the store's writer thread applies every log event
 * to it in log order; other threads read. Each projection documents how concurrent reads are made safe. This
 * package uses the value records of {@code io.chum.store} ({@code VersionHead}, {@code AccessGrants},
 * {@code TrustEntry}, {@code ChumRecordRef}) as its result types and nothing else from that package. The formats
 * are described in {@code docs/storage-format.md}.
 */
package io.chum.projection;
