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
    Paging paging,
    Quorum quorum) {

  /**
   * The context of a new {@link HazelcastSharedObjects} over a running instance; {@code resolver} reaches
   * its objects by kind and name, for the references read back.
   */
  static ObjectContext create(HazelcastInstance instance, Settings settings, ConnectionState connection,
      ObjectResolver resolver) {
    boolean client = HazelcastInternals.isClient(instance);
    OpenState open = new OpenState();
    Calls calls = new Calls(open, connection, client, settings);
    StoredForm storedForm =
        new StoredForm(HazelcastInternals.serializer(instance), calls, open, settings.maxValueSize(), resolver,
            settings.sealing());
    return new ObjectContext(instance, client, settings, open, calls, storedForm, new Paging(instance),
        Quorum.of(instance, settings.clusterSize()));
  }

  /**
   * The calls of a synchronizer ({@code what}: {@code "lock 'jobs'"}): each needs a majority of the declared
   * cluster, so every synchronizer built on this context is safe under partitions by construction.
   */
  Calls synchronizerCalls(String what) {
    return calls.requiringMajority(quorum, what).observedAs(kindOf(what));
  }

  /** The calls of a dict or list ({@code what}: {@code "dict 'orders'"}): majority-checked only if asked. */
  Calls dataCalls(String what) {
    return (settings.majorityForData() ? calls.requiringMajority(quorum, what) : calls.about(what))
        .observedAs(kindOf(what));
  }

  /** The kind an object's {@code what} starts with: {@code "dict"} of {@code "dict 'orders'"}. */
  private static String kindOf(String what) {
    int space = what.indexOf(' ');
    return space < 0 ? what : what.substring(0, space);
  }
}
