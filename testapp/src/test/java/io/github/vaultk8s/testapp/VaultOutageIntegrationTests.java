package io.github.vaultk8s.testapp;

import java.time.Duration;

import io.github.vaultk8s.testapp.TestappClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Vault going away and coming back while the app runs: clean 503s with {@code Retry-After}, readiness
 * DOWN, liveness UP, and recovery without a restart.
 */
class VaultOutageIntegrationTests extends EmbeddedVaultApplicationTests {

	@Test
	void vaultStoppedMeans503AndNotReadyThenRecoversWithoutRestart() {
		String path = "/secrets/" + unique("outage");
		assertThat(this.api.put(path, "{\"a\":1}").status()).isEqualTo(201);
		vault.stop();
		try {
			Response unavailable = this.api.get(path);
			assertThat(unavailable.status()).as(unavailable.toString()).isEqualTo(503);
			assertThat(unavailable.header("Retry-After")).isEqualTo("5");
			assertThat(unavailable.header("Content-Type")).startsWith("application/problem+json");
			assertThat(unavailable.json().get("detail").asString()).contains("Vault");
			assertThat(this.api.put(path, "{\"a\":2}").status()).isEqualTo(503);
			assertThat(this.api.get("/secrets").status()).isEqualTo(503);

			Response readiness = this.api.get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
			assertThat(readiness.json().at("/components/vault/status").asString()).isEqualTo("DOWN");
			assertThat(readiness.body()).doesNotContain("Connection refused").doesNotContain("exception");
			Response liveness = this.api.get("/actuator/health/liveness");
			assertThat(liveness.status()).isEqualTo(200);
			assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
		}
		finally {
			vault.start();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Response back = this.api.get(path);
			assertThat(back.status()).as(back.toString()).isEqualTo(200);
			assertThat(back.json().at("/data/a").asInt()).isEqualTo(1);
		});
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.api.get("/actuator/health/readiness").status()).isEqualTo(200));
		assertThat(this.api.put(path, "{\"a\":2}").status()).isEqualTo(200);
	}

}
