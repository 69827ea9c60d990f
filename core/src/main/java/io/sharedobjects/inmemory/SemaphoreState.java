package io.sharedobjects.inmemory;

/** The stored state of one in-memory {@link io.sharedobjects.SharedSemaphore} (placeholder until built). */
final class SemaphoreState extends InMemoryStore.NumberedState {}
