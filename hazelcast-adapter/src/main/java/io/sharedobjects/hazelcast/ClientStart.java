package io.sharedobjects.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.ClusterUnavailableException;
import java.util.List;

/**
 * Starts clients: the client starts without blocking and reconnects in the background (see {@link
 * HazelcastConfigs#client}); the start waits for its first connection, at most the connect timeout.
 */
final class ClientStart {

  private ClientStart() {}

  /**
   * A client of the members at {@code addresses}, connected.
   *
   * @throws ClusterUnavailableException if no member of the cluster answers within the connect timeout
   */
  static StartedInstance connect(Settings settings, List<String> addresses) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("client(...) needs at least one member address, such as \"127.0.0.1:5701\"");
    }
    ConnectionState connection = new ConnectionState(false);
    ClientConfig config = HazelcastConfigs.client(settings, addresses);
    HazelcastLogging.install(config.getProperty(HazelcastLogging.LOGGING_TYPE));
    AsyncExecutor.install();
    config.addListenerConfig(new ListenerConfig(connection));
    config.addListenerConfig(new ListenerConfig(HazelcastLogging.connectionReports(settings)));
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
    if (!connection.awaitConnected(deadline)) {
      client.shutdown();
      throw new ClusterUnavailableException(
          "Could not connect to Hazelcast cluster '" + settings.clusterName() + "' at " + addresses
              + " within " + settings.connectTimeout().toMillis() + " ms. Check that a member runs there and"
              + " that its cluster name is '" + settings.clusterName() + "'.",
          null);
    }
    HazelcastLogging.clientConnected(client, settings, addresses);
    return new StartedInstance(client, true, settings, connection, null);
  }
}
