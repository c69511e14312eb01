package io.github.vaultk8s.test.contract;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static io.github.vaultk8s.test.contract.VaultHttpClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 3 of the notes, the metadata side of KV v2 at {@code secret/}: read, list, write, patch, delete
 * and version pruning.
 */
abstract class KvV2MetadataContract extends VaultContract {

	@Test
	void metadataDescribesEveryVersion() {
		String key = unique("meta");
		write(key);
		write(key);

		VaultHttpResponse response = root().get("secret/metadata/" + key);

		assertThat(response.status()).isEqualTo(200);
		JsonNode data = response.data();
		assertThat(data.path("cas_required").isBoolean()).isTrue();
		assertThat(data.path("cas_required").asBoolean()).isFalse();
		assertThat(data.path("created_time").asString()).endsWith("Z");
		assertThat(data.path("current_version").isIntegralNumber()).isTrue();
		assertThat(data.path("current_version").asInt()).isEqualTo(2);
		assertThat(data.has("custom_metadata")).isTrue();
		assertThat(data.path("custom_metadata").isNull()).isTrue();
		assertThat(data.path("delete_version_after").asString()).isEqualTo("0s");
		assertThat(data.path("max_versions").asInt(-1)).isZero();
		assertThat(data.path("oldest_version").asInt(-1)).isZero();
		assertThat(data.path("updated_time").asString()).endsWith("Z");
		assertThat(OffsetDateTime.parse(data.path("updated_time").asString()))
			.isAfterOrEqualTo(OffsetDateTime.parse(data.path("created_time").asString()));
		JsonNode versions = data.path("versions");
		assertThat(versions.propertyNames()).containsExactlyInAnyOrder("1", "2");
		for (String version : List.of("1", "2")) {
			JsonNode entry = versions.path(version);
			assertThat(entry.path("created_time").asString()).endsWith("Z");
			assertThat(entry.path("deletion_time").asString()).isEmpty();
			assertThat(entry.path("destroyed").isBoolean()).isTrue();
			assertThat(entry.path("destroyed").asBoolean()).isFalse();
		}
	}

	@Test
	void metadataShowsDeletionAndDestruction() {
		String key = unique("meta");
		write(key);
		write(key);
		root().post("secret/delete/" + key, body("versions", List.of(1)));
		root().put("secret/destroy/" + key, body("versions", List.of(2)));

		JsonNode versions = root().get("secret/metadata/" + key).data().path("versions");

		assertThat(versions.at("/1/deletion_time").asString()).endsWith("Z");
		assertThat(versions.at("/1/destroyed").asBoolean(true)).isFalse();
		assertThat(versions.at("/2/destroyed").asBoolean(false)).isTrue();
	}

	@Test
	void missingMetadataIsNotFound() {
		assertEmptyNotFound(root().get("secret/metadata/" + unique("missing")));
	}

	@Test
	void listShowsKeysAndFoldersIncludingSoftDeletedKeys() {
		String prefix = unique("list");
		write(prefix + "/a");
		write(prefix + "/dir/b");
		root().delete("secret/data/" + prefix + "/a");

		VaultHttpResponse listed = root().list("secret/metadata/" + prefix);

		assertThat(listed.status()).isEqualTo(200);
		assertThat(VaultHttpResponse.strings(listed.data().path("keys"))).containsExactly("a", "dir/");
		assertThat(VaultHttpResponse.strings(root().list("secret/metadata/" + prefix + "/").data().path("keys")))
			.containsExactly("a", "dir/");
		assertThat(VaultHttpResponse.strings(
				root().get("secret/metadata/" + prefix + "?list=true").data().path("keys")))
			.containsExactly("a", "dir/");
		assertThat(VaultHttpResponse.strings(root().list("secret/metadata/" + prefix + "/dir").data().path("keys")))
			.containsExactly("b");
	}

	@Test
	void listOfNothingIsNotFound() {
		String prefix = unique("list");
		write(prefix + "/leaf");

		assertEmptyNotFound(root().list("secret/metadata/" + unique("empty")));
		assertEmptyNotFound(root().list("secret/metadata/" + prefix + "/leaf"));
	}

	@Test
	void metadataWriteSetsTheKeySettings() {
		String key = unique("meta");
		write(key);

		assertNoContent(root().post("secret/metadata/" + key, body("max_versions", 5, "cas_required", true,
				"delete_version_after", "30s", "custom_metadata", Map.of("owner", "team-a"))));

		JsonNode data = root().get("secret/metadata/" + key).data();
		assertThat(data.path("max_versions").asInt()).isEqualTo(5);
		assertThat(data.path("cas_required").asBoolean(false)).isTrue();
		assertThat(data.path("delete_version_after").asString()).isEqualTo("30s");
		assertThat(data.path("custom_metadata").path("owner").asString()).isEqualTo("team-a");
		assertThat(root().get("secret/data/" + key).data().at("/metadata/custom_metadata/owner").asString())
			.isEqualTo("team-a");
	}

	@Test
	void metadataPatchMergesIntoTheSettings() {
		String key = unique("meta");
		write(key);
		root().post("secret/metadata/" + key, body("max_versions", 5, "custom_metadata", Map.of("owner", "team-a")));

		VaultHttpResponse response = root().patch("secret/metadata/" + key,
				body("custom_metadata", Map.of("env", "test")));

		assertNoContent(response);
		JsonNode data = root().get("secret/metadata/" + key).data();
		assertThat(data.path("max_versions").asInt()).isEqualTo(5);
		assertThat(data.path("custom_metadata").path("owner").asString()).isEqualTo("team-a");
		assertThat(data.path("custom_metadata").path("env").asString()).isEqualTo("test");
	}

	@Test
	void customMetadataLimitsAreEnforced() {
		String key = unique("meta");
		write(key);
		Map<String, String> tooMany = new LinkedHashMap<>();
		for (int i = 0; i < 65; i++) {
			tooMany.put("k" + i, "v");
		}

		assertThat(root().post("secret/metadata/" + key, body("custom_metadata", tooMany)).status()).isEqualTo(400);
		assertThat(root().post("secret/metadata/" + key, body("custom_metadata", Map.of("k".repeat(129), "v")))
			.status()).isEqualTo(400);
		assertThat(root().post("secret/metadata/" + key, body("custom_metadata", Map.of("k", "v".repeat(513))))
			.status()).isEqualTo(400);
		assertThat(root().get("secret/metadata/" + key).data().path("custom_metadata").isNull()).isTrue();
		assertNoContent(root().post("secret/metadata/" + key,
				body("custom_metadata", Map.of("k".repeat(128), "v".repeat(512)))));
	}

	@Test
	void metadataDeleteRemovesAllVersions() {
		String key = unique("meta");
		write(key);
		write(key);

		assertNoContent(root().delete("secret/metadata/" + key));

		assertEmptyNotFound(root().get("secret/metadata/" + key));
		assertEmptyNotFound(root().get("secret/data/" + key));
		assertEmptyNotFound(root().get("secret/data/" + key + "?version=1"));
	}

	@Test
	void maxVersionsPrunesTheOldest() {
		String key = unique("meta");
		assertNoContent(root().post("secret/metadata/" + key, body("max_versions", 2)));
		write(key);
		assertThat(root().get("secret/metadata/" + key).data().path("oldest_version").asInt(-1)).isZero();

		write(key);
		write(key);

		JsonNode data = root().get("secret/metadata/" + key).data();
		assertThat(data.path("current_version").asInt()).isEqualTo(3);
		assertThat(data.path("oldest_version").asInt()).isEqualTo(2);
		assertThat(data.path("versions").propertyNames()).containsExactlyInAnyOrder("2", "3");
		assertEmptyNotFound(root().get("secret/data/" + key + "?version=1"));
		assertThat(root().get("secret/data/" + key + "?version=2").status()).isEqualTo(200);
	}

	private void write(String key) {
		VaultHttpResponse response = root().post("secret/data/" + key, body("data", Map.of("k", unique("v"))));
		assertThat(response.status()).as("writing %s: %s", key, response).isEqualTo(200);
	}

}
