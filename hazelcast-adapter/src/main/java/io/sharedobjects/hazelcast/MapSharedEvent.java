package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedEvent;
import java.util.concurrent.TimeUnit;

/** Placeholder: the MAP {@link SharedEvent}, not built yet. */
final class MapSharedEvent implements SharedEvent {

  private final String name;

  MapSharedEvent(ObjectContext context, String name) {
    this.name = name;
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
  public void set() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public boolean isSet() {
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
