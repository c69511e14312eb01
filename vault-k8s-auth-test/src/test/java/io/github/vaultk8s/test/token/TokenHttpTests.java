package io.github.vaultk8s.test.token;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.vaultk8s.test.EmbeddedVaultExtension;
import io.github.vaultk8s.test.TestVaultClient;
import io.github.vaultk8s.test.TestVaultClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

class TokenHttpTests {

	@RegisterExtension
	static EmbeddedVaultExtension vault = EmbeddedVaultExtension.builder().build();

	private TestVaultClient client;

	@BeforeEach
	void client() {
		this.client = new TestVaultClient(vault.get().uri());
	}

	private Map<String, Object> createToken(String body) {
		Response created = this.client.send("POST", "/v1/auth/token/create", vault.get().rootToken(), body);
		assertThat(created.status()).isEqualTo(200);
		return created.auth();
	}

	@Test
	void lookupSelfWithTheDefaultPolicy() {
		Map<String, Object> auth = createToken("{\"policies\":[\"default\"],\"ttl\":\"10m\"}");
		Response self = this.client.get("/v1/auth/token/lookup-self", (String) auth.get("client_token"));
		assertThat(self.status()).isEqualTo(200);
		assertThat(self.json()).containsEntry("mount_type", "token");
		assertThat(self.data()).containsEntry("accessor", auth.get("accessor"))
			.containsEntry("id", auth.get("client_token"))
			.containsEntry("policies", List.of("default"))
			.containsEntry("creation_ttl", 600)
			.containsEntry("renewable", true)
			.containsEntry("type", "service")
			.containsKeys("creation_time", "display_name", "entity_id", "expire_time", "explicit_max_ttl",
					"issue_time", "meta", "num_uses", "orphan", "path", "ttl");
	}

	@Test
	void renewSelfAndCapWarning() {
		Map<String, Object> auth = createToken("{\"policies\":[\"default\"],\"ttl\":\"10m\",\"explicit_max_ttl\":\"20m\"}");
		String token = (String) auth.get("client_token");
		Response renewed = this.client.send("POST", "/v1/auth/token/renew-self", token, "{\"increment\":\"5m\"}");
		assertThat(renewed.status()).isEqualTo(200);
		assertThat(renewed.auth()).containsEntry("client_token", token).containsEntry("lease_duration", 300);
		Response capped = this.client.send("POST", "/v1/auth/token/renew-self", token, "{\"increment\":3600}");
		assertThat(capped.status()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		List<String> warnings = (List<String>) capped.json().get("warnings");
		assertThat(warnings).singleElement()
			.asString()
			.matches("TTL of \"1h\" exceeded the effective max_ttl of \"(19m59s|20m)\"; TTL value is capped accordingly");
		assertThat((Integer) capped.auth().get("lease_duration")).isBetween(1190, 1200);
	}

	@Test
	void rootCannotRenew() {
		Response response = this.client.send("POST", "/v1/auth/token/renew-self", vault.get().rootToken(), "{}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json()).isEqualTo(Map.of("errors", List.of("lease is not renewable")));
	}

	@Test
	void revokeSelfIs204AndTheTokenIsDeadAfterwards() {
		String token = (String) createToken("{\"policies\":[\"default\"]}").get("client_token");
		Response revoked = this.client.send("POST", "/v1/auth/token/revoke-self", token, null);
		assertThat(revoked.status()).isEqualTo(204);
		Response after = this.client.get("/v1/auth/token/lookup-self", token);
		assertThat(after.status()).isEqualTo(403);
		assertThat(after.json()).isEqualTo(
				Map.of("errors", List.of("2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n")));
	}

	@Test
	void accessorsAreForRoot() {
		Map<String, Object> auth = createToken("{\"policies\":[\"default\"]}");
		String token = (String) auth.get("client_token");
		String accessor = (String) auth.get("accessor");
		Response list = this.client.send("LIST", "/v1/auth/token/accessors", vault.get().rootToken(), null);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.data().get("keys")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).contains(accessor);
		assertThat(this.client.send("LIST", "/v1/auth/token/accessors", token, null).status()).isEqualTo(403);
		Response lookup = this.client.send("POST", "/v1/auth/token/lookup-accessor", vault.get().rootToken(),
				"{\"accessor\":\"" + accessor + "\"}");
		assertThat(lookup.data()).containsEntry("accessor", accessor).containsEntry("id", "");
		assertThat(this.client.send("POST", "/v1/auth/token/revoke-accessor", vault.get().rootToken(),
				"{\"accessor\":\"" + accessor + "\"}").status()).isEqualTo(204);
		assertThat(this.client.get("/v1/auth/token/lookup-self", token).status()).isEqualTo(403);
		Response unknown = this.client.send("POST", "/v1/auth/token/lookup-accessor", vault.get().rootToken(),
				"{\"accessor\":\"nope\"}");
		assertThat(unknown.status()).isEqualTo(400);
	}

	@Test
	void tokensReallyExpireInWallClockTime() {
		String token = (String) createToken("{\"policies\":[\"default\"],\"ttl\":\"1s\"}").get("client_token");
		assertThat(this.client.get("/v1/auth/token/lookup-self", token).status()).isEqualTo(200);
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(5))
			.pollInterval(java.time.Duration.ofMillis(100))
			.until(() -> this.client.get("/v1/auth/token/lookup-self", token).status() == 403);
	}

}
