package io.sharedobjects.inmemory;

/** The stored state of one in-memory {@link io.sharedobjects.SharedEvent} (placeholder until built). */
final class EventState extends InMemoryStore.StoredObject {}
