package io.github.vaultk8s.test.kv;

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
 * KV v2 answers as they appear on the wire: which 404s are bare and which carry the envelope.
 */
class KvV2HttpTests {

	@RegisterExtension
	static EmbeddedVaultExtension vault = EmbeddedVaultExtension.builder().build();

	private TestVaultClient client;

	private String root;

	@BeforeEach
	void client() {
		this.client = new TestVaultClient(vault.get().uri());
		this.root = vault.get().rootToken();
	}

	private void write(String path, String body) {
		assertThat(this.client.send("POST", "/v1/secret/data/" + path, this.root, body).status()).isEqualTo(200);
	}

	@Test
	void missingKeyIsABare404() {
		Response response = this.client.get("/v1/secret/data/http/missing", this.root);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json()).isEqualTo(Map.of("errors", List.of()));
	}

	@Test
	void softDeletedVersionIsA404WithTheFullEnvelope() {
		write("http/deleted", "{\"data\":{\"k\":\"v\"}}");
		assertThat(this.client.send("DELETE", "/v1/secret/data/http/deleted", this.root, null).status()).isEqualTo(204);
		Response response = this.client.get("/v1/secret/data/http/deleted", this.root);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json()).containsKeys("request_id", "lease_id", "warnings").containsEntry("mount_type", "kv");
		assertThat(response.data()).containsEntry("data", null);
		assertThat(response.data().get("metadata")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("destroyed", false)
			.containsEntry("version", 1)
			.extractingByKey("deletion_time")
			.asString()
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
		assertThat(this.client.send("POST", "/v1/secret/undelete/http/deleted", this.root, "{\"versions\":[1]}")
			.status()).isEqualTo(204);
		assertThat(this.client.get("/v1/secret/data/http/deleted", this.root).status()).isEqualTo(200);
	}

	@Test
	void destroyedVersionIsA404WithDestroyedTrue() {
		write("http/destroyed", "{\"data\":{\"k\":\"v\"}}");
		assertThat(this.client.send("PUT", "/v1/secret/destroy/http/destroyed", this.root, "{\"versions\":[1]}")
			.status()).isEqualTo(204);
		Response response = this.client.get("/v1/secret/data/http/destroyed?version=1", this.root);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.data().get("metadata")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("destroyed", true);
	}

	@Test
	void patchOfMissingOrDeletedKeyIsA404WithoutBody() {
		Response missing = this.client.send("PATCH", "/v1/secret/data/http/patch-missing", this.root,
				"{\"data\":{\"k\":\"v\"}}", "application/merge-patch+json");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).isEmpty();
		write("http/patch-deleted", "{\"data\":{\"k\":\"v\"}}");
		this.client.send("DELETE", "/v1/secret/data/http/patch-deleted", this.root, null);
		Response deleted = this.client.send("PATCH", "/v1/secret/data/http/patch-deleted", this.root,
				"{\"data\":{\"k\":\"v\"}}", "application/merge-patch+json");
		assertThat(deleted.status()).isEqualTo(404);
		assertThat(deleted.body()).isEmpty();
	}

	@Test
	void theCliCanAskWhichKvVersionAPathHas() {
		String limited = (String) this.client.send("POST", "/v1/auth/token/create", this.root,
				"{\"policies\":[\"default\"]}").auth().get("client_token");
		Response mount = this.client.get("/v1/sys/internal/ui/mounts/secret/testapp/db", limited);
		assertThat(mount.status()).isEqualTo(200);
		assertThat(mount.data()).containsEntry("type", "kv")
			.containsEntry("path", "secret/")
			.containsEntry("options", Map.of("version", "2"));
		assertThat(this.client.get("/v1/sys/internal/ui/mounts/secret", null).status()).isEqualTo(403);
		assertThat(this.client.get("/v1/sys/internal/ui/mounts/nomount/x", this.root).status()).isEqualTo(400);
	}

	@Test
	void versionNumbersAreRequired() {
		assertThat(this.client.send("POST", "/v1/secret/delete/http/x", this.root, "{}").json())
			.isEqualTo(Map.of("errors", List.of("No version number provided")));
		assertThat(this.client.send("POST", "/v1/secret/undelete/http/x", this.root, "{\"versions\":[]}").json())
			.isEqualTo(Map.of("errors", List.of("No version number provided")));
		assertThat(this.client.send("PUT", "/v1/secret/destroy/http/x", this.root, "{}").json())
			.isEqualTo(Map.of("errors", List.of("no version number provided")));
		assertThat(this.client.send("POST", "/v1/secret/delete/http/x", this.root, "{\"versions\":[1]}").status())
			.isEqualTo(204);
	}

	@Test
	void invalidPathsAre404WithTheWarning() {
		for (String[] request : new String[][] { { "GET", "/v1/secret/foo" }, { "GET", "/v1/secret/data/x/" },
				{ "LIST", "/v1/secret/data/x" }, { "GET", "/v1/secret/data/" } }) {
			Response response = this.client.send(request[0], request[1], this.root, null);
			assertThat(response.status()).as(request[0] + " " + request[1]).isEqualTo(404);
			assertThat(response.json()).containsEntry("data", null)
				.containsEntry("warnings", List.of(KvV2Backend.INVALID_PATH_WARNING));
		}
	}

	@Test
	void casErrorsOnTheWire() {
		write("http/cas", "{\"options\":{\"cas\":0},\"data\":{\"k\":\"1\"}}");
		Response mismatch = this.client.send("POST", "/v1/secret/data/http/cas", this.root,
				"{\"options\":{\"cas\":0},\"data\":{\"k\":\"2\"}}");
		assertThat(mismatch.status()).isEqualTo(400);
		assertThat(mismatch.json()).isEqualTo(
				Map.of("errors", List.of("check-and-set parameter did not match the current version")));
		assertThat(this.client.send("POST", "/v1/secret/data/http/cas", this.root, "{\"options\":{\"cas\":1}}").json())
			.isEqualTo(Map.of("errors", List.of("no data provided")));
	}

	@Test
	void configAndMetadataOnTheWire() {
		assertThat(this.client.get("/v1/secret/config", this.root).data()).isEqualTo(
				Map.of("max_versions", 0, "cas_required", false, "delete_version_after", "0s"));
		write("http/meta/a", "{\"data\":{\"k\":\"v\"}}");
		assertThat(this.client.send("POST", "/v1/secret/metadata/http/meta/a", this.root,
				"{\"max_versions\":3,\"custom_metadata\":{\"owner\":\"me\"}}").status()).isEqualTo(204);
		assertThat(this.client.send("PATCH", "/v1/secret/metadata/http/meta/a", this.root,
				"{\"custom_metadata\":{\"tier\":\"1\"}}", "application/merge-patch+json").status()).isEqualTo(204);
		Response metadata = this.client.get("/v1/secret/metadata/http/meta/a", this.root);
		assertThat(metadata.data()).containsEntry("max_versions", 3)
			.containsEntry("custom_metadata", Map.of("owner", "me", "tier", "1"))
			.containsEntry("current_version", 1);
		assertThat(metadata.data().get("versions")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("1");
		assertThat(this.client.send("LIST", "/v1/secret/metadata/http/empty/", this.root, null).json())
			.isEqualTo(Map.of("errors", List.of()));
		assertThat(this.client.send("DELETE", "/v1/secret/metadata/http/meta/a", this.root, null).status())
			.isEqualTo(204);
		assertThat(this.client.get("/v1/secret/metadata/http/meta/a", this.root).status()).isEqualTo(404);
	}

}
