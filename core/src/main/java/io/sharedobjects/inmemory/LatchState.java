package io.sharedobjects.inmemory;

/** The stored state of one in-memory {@link io.sharedobjects.SharedLatch} (placeholder until built). */
final class LatchState extends InMemoryStore.NumberedState {}
