package io.github.vaultk8s.test.server;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.vaultk8s.test.EmbeddedVaultExtension;
import io.github.vaultk8s.test.TestVaultClient;
import io.github.vaultk8s.test.TestVaultClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP layer over a real socket: envelope, status codes, error bodies and the order of Vault's checks.
 */
class VaultRequestPipelineTests {

	@RegisterExtension
	static EmbeddedVaultExtension vault = EmbeddedVaultExtension.builder().maxRequestSize(1024).build();

	private TestVaultClient client;

	@BeforeEach
	void client() {
		this.client = new TestVaultClient(vault.get().uri());
	}

	private String root() {
		return vault.get().rootToken();
	}

	/** A token with just these policies, made through {@code auth/token/create}. */
	private String tokenWith(String policyName, String hcl) {
		assertThat(this.client.send("PUT", "/v1/sys/policies/acl/" + policyName, root(),
				"{\"policy\":" + quote(hcl) + "}").status()).isEqualTo(204);
		Response created = this.client.send("POST", "/v1/auth/token/create", root(),
				"{\"policies\":[\"" + policyName + "\"],\"ttl\":\"1h\"}");
		assertThat(created.status()).isEqualTo(200);
		return (String) created.auth().get("client_token");
	}

	@Test
	void successEnvelopeHasEveryFieldAndNoStore() {
		this.client.send("PUT", "/v1/secret/data/envelope", root(), "{\"data\":{\"a\":\"b\"}}");
		Response response = this.client.get("/v1/secret/data/envelope", root());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(response.header("Content-Type")).isEqualTo("application/json");
		Map<String, Object> json = response.json();
		assertThat(json).containsOnlyKeys("request_id", "lease_id", "renewable", "lease_duration", "data", "wrap_info",
				"warnings", "auth", "mount_type");
		assertThat((String) json.get("request_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(json).containsEntry("lease_id", "")
			.containsEntry("renewable", false)
			.containsEntry("lease_duration", 0)
			.containsEntry("wrap_info", null)
			.containsEntry("warnings", null)
			.containsEntry("auth", null)
			.containsEntry("mount_type", "kv");
	}

	@Test
	void nothingToSayIs204WithAnEmptyBody() {
		Response response = this.client.send("DELETE", "/v1/secret/data/nothing-here", root(), null);
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void unknownMethodIs405WithEmptyErrors() {
		Response response = this.client.send("BREW", "/v1/secret/data/x", root(), null);
		assertThat(response.status()).isEqualTo(405);
		assertThat(response.json()).isEqualTo(Map.of("errors", List.of()));
	}

	@Test
	void invalidJsonIs400AndChangesNothing() {
		Response response = this.client.send("POST", "/v1/secret/data/json", root(), "{\"data\": ");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json()).isEqualTo(Map.of("errors", List.of("error parsing JSON")));
		assertThat(this.client.send("POST", "/v1/secret/data/json", root(), "[1,2]").status()).isEqualTo(400);
		assertThat(this.client.get("/v1/secret/data/json", root()).status()).isEqualTo(404);
	}

	@Test
	void emptyBodyMeansNoData() {
		Response response = this.client.send("POST", "/v1/secret/data/empty", root(), "");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json()).isEqualTo(Map.of("errors", List.of("no data provided")));
	}

	@Test
	void bodyOverMaxRequestSizeIs413() {
		String big = "{\"data\":{\"v\":\"" + "x".repeat(2000) + "\"}}";
		Response response = this.client.send("POST", "/v1/secret/data/big", root(), big);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json()).containsKey("errors");
		assertThat(this.client.get("/v1/secret/data/big", root()).status()).isEqualTo(404);
	}

	@Test
	void unknownMountIs404NoHandler() {
		Response response = this.client.get("/v1/nomount/x", root());
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json()).isEqualTo(
				Map.of("errors", List.of("no handler for route \"nomount/x\". route entry not found.")));
	}

	@Test
	void notUnderV1Is404() {
		assertThat(this.client.get("/ui/", root()).status()).isEqualTo(404);
	}

	@Test
	void missingTokenIsPlainPermissionDenied() {
		Response response = this.client.get("/v1/secret/data/x", null);
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json()).isEqualTo(Map.of("errors", List.of("permission denied")));
	}

	@Test
	void unknownTokenIsInvalidToken() {
		Response response = this.client.get("/v1/secret/data/x", "hvs.unknown");
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json()).isEqualTo(
				Map.of("errors", List.of("2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n")));
	}

	@Test
	void bearerHeaderIsAcceptedWhenThereIsNoVaultTokenHeader() {
		Response bearer = this.client.exchange("GET", "/v1/auth/token/lookup-self",
				Map.of("Authorization", "Bearer " + root()), null);
		assertThat(bearer.status()).isEqualTo(200);
		assertThat(bearer.data()).containsEntry("id", root());
		Response both = this.client.exchange("GET", "/v1/auth/token/lookup-self",
				Map.of("Authorization", "Bearer " + root(), "X-Vault-Token", "hvs.unknown"), null);
		assertThat(both.status()).isEqualTo(403);
	}

	@Test
	void policyDenialIsOneErrorAndComesBeforeRouting() {
		String token = tokenWith("reader", "path \"secret/data/readable/*\" { capabilities = [\"read\"] }");
		Response denied = this.client.get("/v1/secret/data/other", token);
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.json())
			.isEqualTo(Map.of("errors", List.of("1 error occurred:\n\t* permission denied\n\n")));
		// Denied even where nothing is mounted.
		assertThat(this.client.get("/v1/nomount/x", token).status()).isEqualTo(403);
		// Allowed and missing: the backend's own 404.
		Response missing = this.client.get("/v1/secret/data/readable/missing", token);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json()).isEqualTo(Map.of("errors", List.of()));
	}

	@Test
	void writesNeedCreateForNewPathsAndUpdateForExistingOnes() {
		String updateOnly = tokenWith("update-only", "path \"secret/data/cu/*\" { capabilities = [\"update\"] }");
		String createOnly = tokenWith("create-only", "path \"secret/data/cu/*\" { capabilities = [\"create\"] }");
		String body = "{\"data\":{\"k\":\"v\"}}";
		assertThat(this.client.send("POST", "/v1/secret/data/cu/a", updateOnly, body).status()).isEqualTo(403);
		assertThat(this.client.send("POST", "/v1/secret/data/cu/a", createOnly, body).status()).isEqualTo(200);
		assertThat(this.client.send("POST", "/v1/secret/data/cu/a", createOnly, body).status()).isEqualTo(403);
		assertThat(this.client.send("POST", "/v1/secret/data/cu/a", updateOnly, body).status()).isEqualTo(200);
	}

	@Test
	void listWorksAsMethodAndAsQueryAndIsCheckedWithTrailingSlash() {
		this.client.send("PUT", "/v1/secret/data/lists/a", root(), "{\"data\":{\"k\":\"v\"}}");
		this.client.send("PUT", "/v1/secret/data/lists/dir/b", root(), "{\"data\":{\"k\":\"v\"}}");
		Response viaMethod = this.client.send("LIST", "/v1/secret/metadata/lists", root(), null);
		Response viaQuery = this.client.get("/v1/secret/metadata/lists/?list=true", root());
		assertThat(viaMethod.status()).isEqualTo(200);
		assertThat(viaMethod.data()).isEqualTo(Map.of("keys", List.of("a", "dir/")));
		assertThat(viaQuery.data()).isEqualTo(viaMethod.data());
		assertThat(this.client.get("/v1/secret/metadata/lists/?list=maybe", root()).status()).isEqualTo(400);
		String lister = tokenWith("lister", "path \"secret/metadata/lists/\" { capabilities = [\"list\"] }");
		assertThat(this.client.send("LIST", "/v1/secret/metadata/lists", lister, null).status()).isEqualTo(200);
		assertThat(this.client.get("/v1/secret/metadata/lists", lister).status()).isEqualTo(403);
	}

	@Test
	void unknownParametersAreAWarning() {
		Response response = this.client.send("POST", "/v1/secret/data/warn", root(),
				"{\"data\":{\"k\":\"v\"},\"zeta\":1,\"alpha\":2}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("warnings",
				List.of("Endpoint ignored these unrecognized parameters: [alpha zeta]"));
	}

	@Test
	void unknownParametersOnAnEmptyAnswerStayA204() {
		this.client.send("PUT", "/v1/secret/data/warn204", root(), "{\"data\":{\"k\":\"v\"}}");
		Response response = this.client.send("POST", "/v1/secret/metadata/warn204", root(),
				"{\"max_versions\":2,\"bogus\":true}");
		assertThat(response.status()).isEqualTo(204);
		assertThat(this.client.get("/v1/secret/metadata/warn204", root()).data()).containsEntry("max_versions", 2);
	}

	@Test
	void patchNeedsMergePatchContentType() {
		this.client.send("PUT", "/v1/secret/data/patch", root(), "{\"data\":{\"a\":\"1\"}}");
		Response wrong = this.client.send("PATCH", "/v1/secret/data/patch", root(), "{\"data\":{\"b\":\"2\"}}",
				"application/json");
		assertThat(wrong.status()).isEqualTo(415);
		assertThat(wrong.json()).isEqualTo(Map.of("errors", List.of(
				"PATCH requires Content-Type of application/merge-patch+json, provided application/json")));
		Response right = this.client.send("PATCH", "/v1/secret/data/patch", root(), "{\"data\":{\"b\":\"2\"}}",
				"application/merge-patch+json");
		assertThat(right.status()).isEqualTo(200);
		assertThat(right.data()).containsEntry("version", 2);
		assertThat(this.client.get("/v1/secret/data/patch", root()).data()).containsEntry("data",
				Map.of("a", "1", "b", "2"));
	}

	@Test
	void internalPathsNeverLeakStackTraces() {
		Response response = this.client.send("POST", "/v1/secret/data/types", root(), "{\"data\":\"not an object\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
		Response versions = this.client.send("POST", "/v1/secret/delete/types", root(), "{\"versions\":[{}]}");
		assertThat(versions.status()).isEqualTo(400);
		Response cas = this.client.send("POST", "/v1/secret/data/types", root(),
				"{\"data\":{\"a\":1},\"options\":{\"cas\":\"x\"}}");
		assertThat(cas.json()).isEqualTo(Map.of("errors", List.of("error parsing check-and-set parameter")));
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

}
