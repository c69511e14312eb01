package io.github.vaultk8s.testapp;

import io.github.vaultk8s.testapp.TestappClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same app on plain Spring Cloud Vault ({@code vault.k8s-auth.enabled=false}, the benchmarks'
 * baseline): it must start although its readiness group names the starter's {@code vaultSession}, and it
 * still serves secrets through Spring Cloud Vault's own Kubernetes login.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "vault.k8s-auth.enabled=false")
class StarterSwitchedOffIntegrationTests extends EmbeddedVaultApplicationTests {

	@Test
	void startsReadyWithoutTheSessionIndicatorAndServesSecrets() {
		Response readiness = this.api.get("/actuator/health/readiness");
		assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
		assertThat(readiness.json().at("/components/vault/status").asString()).isEqualTo("UP");
		assertThat(readiness.json().at("/components/vaultSession").isMissingNode()).isTrue();

		String path = "/secrets/" + unique("plain");
		assertThat(this.api.put(path, "{\"a\":1}").status()).isEqualTo(201);
		assertThat(this.api.get(path).json().at("/data/a").asInt()).isEqualTo(1);
		assertThat(this.api.get("/actuator/prometheus").body()).doesNotContain("vault_session_authenticated");
	}

}
