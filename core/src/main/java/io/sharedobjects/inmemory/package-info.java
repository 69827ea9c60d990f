/**
 * The in-memory backend, for unit tests: {@link io.sharedobjects.inmemory.InMemorySharedObjects} keeps
 * shared dicts, lists and locks in this JVM and follows the same contract as the Hazelcast backend,
 * including copies on the way in and out and refusing values Hazelcast could not store.
 * {@link io.sharedobjects.inmemory.InMemorySharedObjects#peer()} stands in for a second process.
 */
package io.sharedobjects.inmemory;
