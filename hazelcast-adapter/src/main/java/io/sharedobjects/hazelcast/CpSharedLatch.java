package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedLatch;
import java.util.concurrent.TimeUnit;

/** Placeholder: the CP {@link SharedLatch}, not built yet. */
final class CpSharedLatch implements SharedLatch {

  private final String name;
  private final int count;

  CpSharedLatch(ObjectContext context, String name, int count) {
    this.name = name;
    this.count = count;
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
  public void countDown() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public long count() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void await() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public boolean await(long time, TimeUnit unit) {
    throw new UnsupportedOperationException("not built yet");
  }
}
