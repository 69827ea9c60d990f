package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedBarrier;
import java.util.concurrent.TimeUnit;

/** Placeholder: the MAP {@link SharedBarrier}, not built yet. */
final class MapSharedBarrier implements SharedBarrier {

  private final String name;
  private final int parties;

  MapSharedBarrier(ObjectContext context, String name, int parties) {
    this.name = name;
    this.parties = parties;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void destroy() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public int parties() {
    return parties;
  }

  @Override
  public int await() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public int await(long time, TimeUnit unit) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public int numberWaiting() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public boolean isBroken() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("not built yet");
  }
}
