package io.sharedobjects.hazelcast;

import com.hazelcast.core.HazelcastInstance;

/**
 * What every shared object of one {@link HazelcastSharedObjects} works with, and all it may use: the
 * Hazelcast instance, {@link Calls} to run calls through, the {@link StoredForm} to write and read values
 * through, the settings, the paging of iterations and whether the owner is still open.
 *
 * @param client whether {@code instance} is a client rather than a member
 */
record ObjectContext(
    HazelcastInstance instance,
    boolean client,
    Settings settings,
    OpenState open,
    Calls calls,
    StoredForm storedForm,
    Paging paging) {

  /** The context of a new {@link HazelcastSharedObjects} over a running instance. */
  static ObjectContext create(HazelcastInstance instance, Settings settings, ConnectionState connection) {
    boolean client = HazelcastInternals.isClient(instance);
    OpenState open = new OpenState();
    Calls calls = new Calls(open, connection, client, settings);
    StoredForm storedForm =
        new StoredForm(HazelcastInternals.serializer(instance), calls, open, settings.maxValueSize());
    return new ObjectContext(instance, client, settings, open, calls, storedForm, new Paging(instance));
  }
}
