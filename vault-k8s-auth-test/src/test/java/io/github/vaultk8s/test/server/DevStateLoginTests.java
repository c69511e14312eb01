package io.github.vaultk8s.test.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.vaultk8s.test.EmbeddedVaultExtension;
import io.github.vaultk8s.test.TestVaultClient;
import io.github.vaultk8s.test.TestVaultClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev state end to end: a service account logs in through Kubernetes auth (TokenReview against the
 * stand-in itself) and gets exactly the testapp policy.
 */
class DevStateLoginTests {

	static final Path TOKEN_FILE = tokenFile();

	@RegisterExtension
	static EmbeddedVaultExtension vault = EmbeddedVaultExtension.builder()
		.serviceAccountTokenFile(TOKEN_FILE)
		.tokenTtl(Duration.ofSeconds(3))
		.tokenMaxTtl(Duration.ofMinutes(1))
		.build();

	private TestVaultClient client;

	@BeforeEach
	void client() {
		this.client = new TestVaultClient(vault.get().uri());
	}

	private static Path tokenFile() {
		try {
			Path dir = Files.createTempDirectory("dev-state-login");
			dir.toFile().deleteOnExit();
			return dir.resolve("token");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private Response login(String jwt) {
		return this.client.send("POST", "/v1/auth/kubernetes/login", null,
				"{\"role\":\"testapp\",\"jwt\":\"" + jwt + "\"}");
	}

	private String loginWithTokenFile() throws IOException {
		Response response = login(Files.readString(TOKEN_FILE).trim());
		assertThat(response.status()).isEqualTo(200);
		return (String) response.auth().get("client_token");
	}

	@Test
	void loginAnswersVaultsAuthBlock() throws IOException {
		Response response = login(Files.readString(TOKEN_FILE).trim());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("data", null).containsEntry("mount_type", "kubernetes");
		Map<String, Object> auth = response.auth();
		assertThat((String) auth.get("client_token")).startsWith("hvs.");
		assertThat(auth).containsEntry("policies", List.of("default", "testapp-kv-crud"))
			.containsEntry("token_policies", List.of("default", "testapp-kv-crud"))
			.containsEntry("lease_duration", 3)
			.containsEntry("renewable", true)
			.containsEntry("token_type", "service")
			.containsEntry("orphan", true);
		assertThat(auth.get("metadata")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("role", "testapp")
			.containsEntry("service_account_name", "testapp")
			.containsEntry("service_account_namespace", "default");
		assertThat(vault.get().requests().count("POST", "/apis/authentication.k8s.io/v1/tokenreviews"))
			.isPositive();
	}

	@Test
	void theTokenDoesKvCrudUnderTestappAndNothingElse() throws IOException {
		String token = loginWithTokenFile();
		assertThat(this.client.send("PUT", "/v1/secret/data/testapp/db", token, "{\"data\":{\"user\":\"app\"}}")
			.status()).isEqualTo(200);
		assertThat(this.client.get("/v1/secret/data/testapp/db", token).data()).containsEntry("data",
				Map.of("user", "app"));
		assertThat(this.client.send("PATCH", "/v1/secret/data/testapp/db", token, "{\"data\":{\"pw\":\"x\"}}",
				"application/merge-patch+json").status()).isEqualTo(200);
		assertThat(this.client.get("/v1/secret/metadata/testapp/db", token).status()).isEqualTo(200);
		assertThat(this.client.send("POST", "/v1/secret/destroy/testapp/db", token, "{\"versions\":[1]}").status())
			.isEqualTo(204);
		assertThat(this.client.send("DELETE", "/v1/secret/data/testapp/db", token, null).status()).isEqualTo(204);
		Response outside = this.client.send("PUT", "/v1/secret/data/other", token, "{\"data\":{\"a\":\"b\"}}");
		assertThat(outside.status()).isEqualTo(403);
		assertThat(outside.json()).isEqualTo(Map.of("errors", List.of("1 error occurred:\n\t* permission denied\n\n")));
		assertThat(this.client.get("/v1/secret/data/testapp2", token).status()).isEqualTo(403);
		assertThat(this.client.get("/v1/sys/policies/acl/default", token).status()).isEqualTo(403);
	}

	@Test
	void lookupSelfShowsTheKubernetesIdentity() throws IOException {
		String token = loginWithTokenFile();
		Response self = this.client.get("/v1/auth/token/lookup-self", token);
		assertThat(self.status()).isEqualTo(200);
		assertThat(self.data()).containsEntry("display_name", "kubernetes-default-testapp")
			.containsEntry("path", "auth/kubernetes/login")
			.containsEntry("policies", List.of("default", "testapp-kv-crud"))
			.containsEntry("creation_ttl", 3);
	}

	@Test
	void tokensFromTheRoleExpireAndRenewToTheRoleTtl() throws IOException {
		String token = loginWithTokenFile();
		Response renewed = this.client.send("POST", "/v1/auth/token/renew-self", token, "{}");
		assertThat(renewed.status()).isEqualTo(200);
		assertThat(renewed.auth()).containsEntry("lease_duration", 3);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.client.get("/v1/auth/token/lookup-self", token).status() == 403);
	}

	@Test
	void rotatedServiceAccountTokenStillLogsIn() throws IOException {
		String before = Files.readString(TOKEN_FILE);
		vault.get().rotateServiceAccountToken();
		assertThat(Files.readString(TOKEN_FILE)).isNotEqualTo(before);
		assertThat(loginWithTokenFile()).startsWith("hvs.");
	}

	@Test
	void mintedTokensForOtherServiceAccountsAreRefused() {
		String other = vault.get().mintServiceAccountToken("default", "intruder", "vault", Duration.ofMinutes(5));
		Response response = login(other);
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json()).isEqualTo(Map.of("errors", List.of("service account name not authorized")));
		Response unknownRole = this.client.send("POST", "/v1/auth/kubernetes/login", null,
				"{\"role\":\"nope\",\"jwt\":\"" + other + "\"}");
		assertThat(unknownRole.status()).isEqualTo(400);
		assertThat(unknownRole.json()).isEqualTo(Map.of("errors", List.of("invalid role name \"nope\"")));
	}

	@Test
	void kubernetesConfigAndRoleAreReadableWithRoot() {
		String root = vault.get().rootToken();
		Response config = this.client.get("/v1/auth/kubernetes/config", root);
		assertThat(config.status()).isEqualTo(200);
		assertThat(config.data()).containsEntry("kubernetes_host", vault.get().kubernetesHost());
		Response role = this.client.get("/v1/auth/kubernetes/role/testapp", root);
		assertThat(role.status()).isEqualTo(200);
		assertThat(role.data()).containsEntry("audience", "vault");
		Response roles = this.client.send("LIST", "/v1/auth/kubernetes/role", root, null);
		assertThat(roles.data()).isEqualTo(Map.of("keys", List.of("testapp")));
	}

}
