package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedSemaphore;
import java.util.concurrent.TimeUnit;

/** Placeholder: the MAP {@link SharedSemaphore}, not built yet. */
final class MapSharedSemaphore implements SharedSemaphore {

  private final String name;
  private final int permits;

  MapSharedSemaphore(ObjectContext context, String name, int permits) {
    this.name = name;
    this.permits = permits;
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
  public int permits() {
    return permits;
  }

  @Override
  public void acquire() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public boolean tryAcquire() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public boolean tryAcquire(long time, TimeUnit unit) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void release() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public int availablePermits() {
    throw new UnsupportedOperationException("not built yet");
  }
}
