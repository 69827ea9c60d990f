package io.sharedobjects.inmemory;

import io.sharedobjects.SharedEvent;
import java.util.concurrent.TimeUnit;

/** Placeholder: the in-memory {@link SharedEvent}, not built yet. */
public final class InMemorySharedEvent implements SharedEvent {

  private final StoredRef<EventState> ref;

  InMemorySharedEvent(StoredRef<EventState> ref) {
    this.ref = ref;
  }

  @Override
  public String name() {
    return ref.name();
  }

  @Override
  public void destroy() {
    ref.destroy();
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
