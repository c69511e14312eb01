package io.github.vaultk8s.test.sys;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.vaultk8s.test.EmbeddedVaultExtension;
import io.github.vaultk8s.test.TestVaultClient;
import io.github.vaultk8s.test.TestVaultClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

class HealthAndSealHttpTests {

	@RegisterExtension
	static EmbeddedVaultExtension vault = EmbeddedVaultExtension.builder().build();

	private TestVaultClient client;

	@BeforeEach
	void client() {
		this.client = new TestVaultClient(vault.get().uri());
	}

	@AfterEach
	void unseal() {
		vault.get().faults().unseal();
	}

	@Test
	void healthOfAnActiveNodeWithoutToken() {
		Response response = this.client.get("/v1/sys/health", null);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(response.json()).containsEntry("initialized", true)
			.containsEntry("sealed", false)
			.containsEntry("standby", false)
			.containsEntry("performance_standby", false)
			.containsEntry("replication_performance_mode", "disabled")
			.containsEntry("replication_dr_mode", "disabled")
			.containsEntry("enterprise", false)
			.containsKeys("server_time_utc", "version", "cluster_name", "cluster_id", "echo_duration_ms",
					"clock_skew_ms")
			.doesNotContainKey("request_id");
	}

	@Test
	void queryOverridesTheCodes() {
		assertThat(this.client.get("/v1/sys/health?activecode=299", null).status()).isEqualTo(299);
		assertThat(this.client.get("/v1/sys/health?standbyok=true&sealedcode=200", null).status()).isEqualTo(200);
		vault.get().faults().seal();
		assertThat(this.client.get("/v1/sys/health", null).status()).isEqualTo(503);
		Response sealed = this.client.get("/v1/sys/health?sealedcode=200&activecode=204", null);
		assertThat(sealed.status()).isEqualTo(200);
		assertThat(sealed.json()).containsEntry("sealed", true).doesNotContainKeys("cluster_name", "cluster_id");
	}

	@Test
	void badOverridesAre400() {
		for (String query : List.of("activecode=abc", "standbyok=maybe", "uninitcode=5x", "perfstandbyok=2")) {
			Response response = this.client.get("/v1/sys/health?" + query, null);
			assertThat(response.status()).as(query).isEqualTo(400);
			// Vault logs the reason and answers respondError(w, 400, nil).
			assertThat(response.json()).as(query).isEqualTo(Map.of("errors", List.of()));
		}
	}

	@Test
	void headHasTheStatusButNoBodyAndOtherMethodsAre405() {
		Response head = this.client.send("HEAD", "/v1/sys/health?activecode=202", null, null);
		assertThat(head.status()).isEqualTo(202);
		assertThat(head.body()).isEmpty();
		Response post = this.client.send("POST", "/v1/sys/health", null, "{}");
		assertThat(post.status()).isEqualTo(405);
		assertThat(post.json()).isEqualTo(Map.of("errors", List.of()));
	}

	@Test
	void sealStatusWithoutToken() {
		Response response = this.client.get("/v1/sys/seal-status", null);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("type", "shamir")
			.containsEntry("initialized", true)
			.containsEntry("sealed", false)
			.containsEntry("t", 1)
			.containsEntry("n", 1)
			.containsEntry("progress", 0)
			.containsEntry("storage_type", "inmem")
			.containsKeys("version", "build_date", "nonce", "migration", "recovery_seal", "cluster_name");
	}

	@Test
	void sealedVaultAnswers503ToEverythingElseAndUnsealsWithTheKey() {
		String root = vault.get().rootToken();
		Response sealing = this.client.send("PUT", "/v1/sys/seal", root, null);
		assertThat(sealing.status()).isEqualTo(204);
		Response read = this.client.get("/v1/secret/data/x", root);
		assertThat(read.status()).isEqualTo(503);
		assertThat(read.json()).isEqualTo(Map.of("errors", List.of("Vault is sealed")));
		assertThat(this.client.get("/v1/auth/token/lookup-self", "hvs.anything").status()).isEqualTo(503);
		assertThat(this.client.get("/v1/sys/seal-status", null).json()).containsEntry("sealed", true);
		Response wrong = this.client.send("PUT", "/v1/sys/unseal", null,
				"{\"key\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}");
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.json()).isEqualTo(Map.of("errors", List.of("Unseal failed, invalid key")));
		assertThat(this.client.send("PUT", "/v1/sys/unseal", null, "{}").status()).isEqualTo(400);
		Response unsealed = this.client.send("PUT", "/v1/sys/unseal", null,
				"{\"key\":\"" + vault.get().unsealKey() + "\"}");
		assertThat(unsealed.status()).isEqualTo(200);
		assertThat(unsealed.json()).containsEntry("sealed", false);
		assertThat(this.client.get("/v1/auth/token/lookup-self", root).status()).isEqualTo(200);
	}

	@Test
	void onlyRootMaySeal() {
		Response created = this.client.send("POST", "/v1/auth/token/create", vault.get().rootToken(),
				"{\"policies\":[\"default\"]}");
		String token = (String) created.auth().get("client_token");
		assertThat(this.client.send("PUT", "/v1/sys/seal", token, null).status()).isEqualTo(403);
		assertThat(this.client.get("/v1/sys/seal-status", null).json()).containsEntry("sealed", false);
	}

	@Test
	void policyCrud() {
		String root = vault.get().rootToken();
		String hcl = "path \"secret/data/p\" { capabilities = [\"read\"] }";
		assertThat(this.client.send("PUT", "/v1/sys/policies/acl/My-Policy", root,
				"{\"policy\":\"" + hcl.replace("\"", "\\\"") + "\"}").status()).isEqualTo(204);
		Response read = this.client.get("/v1/sys/policies/acl/my-policy", root);
		assertThat(read.data()).isEqualTo(Map.of("name", "my-policy", "policy", hcl));
		@SuppressWarnings("unchecked")
		List<String> keys = (List<String>) this.client.send("LIST", "/v1/sys/policies/acl", root, null)
			.data()
			.get("keys");
		assertThat(keys).contains("default", "root", "my-policy", "testapp-kv-crud");
		Response bad = this.client.send("PUT", "/v1/sys/policies/acl/broken", root, "{\"policy\":\"path {\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("errors").toString()).contains("failed to parse policy");
		Response empty = this.client.send("PUT", "/v1/sys/policies/acl/empty", root, "{}");
		assertThat(empty.json()).isEqualTo(
				Map.of("errors", List.of("'policy' parameter not supplied or empty")));
		assertThat(this.client.send("DELETE", "/v1/sys/policies/acl/root", root, null).status()).isEqualTo(400);
		assertThat(this.client.send("DELETE", "/v1/sys/policies/acl/default", root, null).status()).isEqualTo(400);
		assertThat(this.client.send("DELETE", "/v1/sys/policies/acl/my-policy", root, null).status()).isEqualTo(204);
		assertThat(this.client.get("/v1/sys/policies/acl/my-policy", root).status()).isEqualTo(404);
	}

}
