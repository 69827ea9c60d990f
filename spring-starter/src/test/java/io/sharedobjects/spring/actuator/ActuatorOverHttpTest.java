package io.sharedobjects.spring.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedObjects;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A web application with Actuator, as a user builds it (the starter's imports file, Boot's own
 * auto-configuration): {@code /actuator/health} over HTTP shows the {@code sharedObjects} component UP with
 * its details, and {@code /actuator/metrics} has the calls the application made.
 */
@SpringBootTest(classes = ActuatorOverHttpTest.App.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "shared-objects.cluster-name=actuator-test-${random.uuid}", "shared-objects.port=0",
    "management.endpoint.health.show-details=always", "management.endpoints.web.exposure.include=health,metrics"})
@DirtiesContext // closes the context, and so the embedded member, after this class
class ActuatorOverHttpTest {

  @SpringBootApplication
  static class App {}

  @LocalServerPort
  int port;

  @Autowired
  SharedObjects shared;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(response.body());
  }

  @Test
  @DisplayName("GET /actuator/health: the sharedObjects component is UP with backend, mode, cluster name and members seen")
  void healthOverHttp() throws Exception {
    JsonNode component = get("/actuator/health").path("components").path("sharedObjects");
    assertThat(component.path("status").asString()).isEqualTo("UP");
    JsonNode details = component.path("details");
    assertThat(details.path("backend").asString()).isEqualTo("hazelcast");
    assertThat(details.path("mode").asString()).isEqualTo("member");
    assertThat(details.path("clusterName").asString()).startsWith("actuator-test-");
    assertThat(details.path("membersSeen").asInt()).isEqualTo(1);
    assertThat(details.path("lockBackend").asString()).isNotEmpty();
  }

  @Test
  @DisplayName("GET /actuator/metrics/shared.objects.calls: the application's dict calls, by kind")
  void metricsOverHttp() throws Exception {
    shared.<String, String>dict("orders").put("o-1", "new");
    JsonNode metric = get("/actuator/metrics/shared.objects.calls?tag=kind:dict");
    assertThat(metric.path("measurements").get(0).path("statistic").asString()).isEqualTo("COUNT");
    assertThat(metric.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1.0);
  }
}
