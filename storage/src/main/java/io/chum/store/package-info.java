/**
 * The ONE object store: {@link io.chum.store.OneStore}, an event-sourced store on the log of {@code io.chum.log},
 * with its settings ({@link io.chum.store.StoreConfig}) and value types (results, version heads, access grants,
 * verified import entries, verify reports).
 *
 * <p>Every write is an event in the log; reads answer from projections ({@code io.chum.projection}) that the
 * store's single writer thread keeps current by tailing the log, including other processes' writes. Threading,
 * closure, versions and the merge rule are described on {@link io.chum.store.OneStore}; formats in
 * {@code docs/storage-format.md}.
 */
package io.chum.store;
