package io.sharedobjects.inmemory;

/** The stored state of one in-memory {@link io.sharedobjects.SharedBarrier} (placeholder until built). */
final class BarrierState extends InMemoryStore.NumberedState {}
