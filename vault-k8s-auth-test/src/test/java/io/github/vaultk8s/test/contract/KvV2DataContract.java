package io.github.vaultk8s.test.contract;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static io.github.vaultk8s.test.contract.VaultHttpClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 3 of the notes, the data side of KV v2 at {@code secret/}: mount config, versions,
 * check-and-set, patch, soft delete, undelete, destroy and invalid paths.
 */
abstract class KvV2DataContract extends VaultContract {

	static final String INVALID_PATH = "Invalid path for a versioned K/V secrets engine. See the API docs for the "
			+ "appropriate API endpoints to use. If using the Vault CLI, use 'vault kv get' for this operation.";

	@Test
	void mountConfigReadsAndWrites() {
		VaultHttpResponse before = root().get("secret/config");
		assertThat(before.status()).isEqualTo(200);
		assertThat(before.data().path("max_versions").isIntegralNumber()).isTrue();
		assertThat(before.data().path("max_versions").asInt()).isZero();
		assertThat(before.data().path("cas_required").isBoolean()).isTrue();
		assertThat(before.data().path("cas_required").asBoolean()).isFalse();
		assertThat(before.data().path("delete_version_after").asString()).isEqualTo("0s");
		try {
			assertNoContent(root().post("secret/config", body("max_versions", 7)));
			assertThat(root().get("secret/config").data().path("max_versions").asInt()).isEqualTo(7);
		}
		finally {
			assertNoContent(root().post("secret/config", body("max_versions", 0)));
		}
		assertThat(root().get("secret/config").data().path("max_versions").asInt()).isZero();
	}

	@Test
	void mountWideCasRequiredAppliesToEveryKey() {
		String key = unique("kv");
		try {
			assertNoContent(root().post("secret/config", body("cas_required", true)));
			assertErrors(write(key, Map.of("k", "v")), 400, "check-and-set parameter required for this call");
			assertThat(root().post("secret/data/" + key, body("options", Map.of("cas", 0), "data", Map.of("k", "v")))
				.status()).isEqualTo(200);
		}
		finally {
			assertNoContent(root().post("secret/config", body("cas_required", false)));
		}
	}

	@Test
	void writeAnswersWithTheVersionMetadata() {
		String key = unique("kv");

		VaultHttpResponse first = write(key, Map.of("k", "v1"));
		VaultHttpResponse second = root().put("secret/data/" + key, body("data", Map.of("k", "v2")));

		assertThat(first.status()).isEqualTo(200);
		JsonNode data = first.data();
		assertThat(OffsetDateTime.parse(data.path("created_time").asString())).isNotNull();
		assertThat(data.path("created_time").asString()).endsWith("Z");
		assertThat(data.has("custom_metadata")).isTrue();
		assertThat(data.path("custom_metadata").isNull()).isTrue();
		assertThat(data.path("deletion_time").asString()).isEmpty();
		assertThat(data.path("destroyed").isBoolean()).isTrue();
		assertThat(data.path("destroyed").asBoolean()).isFalse();
		assertThat(data.path("version").isIntegralNumber()).isTrue();
		assertThat(data.path("version").asInt()).isEqualTo(1);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.data().path("version").asInt()).isEqualTo(2);
	}

	@Test
	void readReturnsDataAndMetadataOfAnyVersion() {
		String key = unique("kv");
		write(key, Map.of("k", "v1"));
		write(key, Map.of("k", "v2", "n", "x"));

		VaultHttpResponse current = root().get("secret/data/" + key);
		assertThat(current.status()).isEqualTo(200);
		assertThat(current.data().path("data").path("k").asString()).isEqualTo("v2");
		assertThat(current.data().path("data").path("n").asString()).isEqualTo("x");
		JsonNode metadata = current.data().path("metadata");
		assertThat(metadata.path("version").asInt()).isEqualTo(2);
		assertThat(metadata.path("created_time").asString()).endsWith("Z");
		assertThat(metadata.path("custom_metadata").isNull()).isTrue();
		assertThat(metadata.path("deletion_time").asString()).isEmpty();
		assertThat(metadata.path("destroyed").asBoolean(true)).isFalse();

		assertThat(root().get("secret/data/" + key + "?version=1").data().at("/data/k").asString()).isEqualTo("v1");
		assertThat(root().get("secret/data/" + key + "?version=0").data().at("/metadata/version").asInt())
			.isEqualTo(2);
		assertEmptyNotFound(root().get("secret/data/" + key + "?version=3"));
		assertEmptyNotFound(root().get("secret/data/" + unique("missing")));
	}

	@Test
	void writeWithoutDataIsRefused() {
		String key = unique("kv");

		assertErrors(root().post("secret/data/" + key, body("options", Map.of())), 400, "no data provided");
		assertEmptyNotFound(root().get("secret/data/" + key));
	}

	@Test
	void casZeroWritesOnlyNewKeys() {
		String key = unique("kv");

		assertThat(writeCas(key, 0, "first").status()).isEqualTo(200);
		assertErrors(writeCas(key, 0, "second"), 400, "check-and-set parameter did not match the current version");
		assertThat(read(key).at("/data/k").asString()).isEqualTo("first");
	}

	@Test
	void casMustMatchTheCurrentVersion() {
		String key = unique("kv");
		write(key, Map.of("k", "v1"));

		assertThat(writeCas(key, 1, "v2").data().path("version").asInt()).isEqualTo(2);
		assertErrors(writeCas(key, 1, "stale"), 400, "check-and-set parameter did not match the current version");
		assertErrors(writeCas(key, 5, "future"), 400, "check-and-set parameter did not match the current version");
		assertThat(read(key).at("/data/k").asString()).isEqualTo("v2");
	}

	@Test
	void softDeletedVersionStillCountsAsCurrentForCas() {
		String key = unique("kv");
		write(key, Map.of("k", "v1"));
		assertNoContent(root().delete("secret/data/" + key));

		assertErrors(writeCas(key, 0, "again"), 400, "check-and-set parameter did not match the current version");
		assertThat(writeCas(key, 1, "again").data().path("version").asInt()).isEqualTo(2);
	}

	@Test
	void casRequiredOnTheKeyNeedsTheParameter() {
		String key = unique("kv");
		assertNoContent(root().post("secret/metadata/" + key, body("cas_required", true)));

		assertErrors(write(key, Map.of("k", "v")), 400, "check-and-set parameter required for this call");
		assertThat(writeCas(key, 0, "v").status()).isEqualTo(200);
	}

	@Test
	void unparsableCasIsRefused() {
		String key = unique("kv");

		assertErrors(root().post("secret/data/" + key, body("options", Map.of("cas", "abc"), "data", Map.of("k", "v"))),
				400, "error parsing check-and-set parameter");
		assertEmptyNotFound(root().get("secret/data/" + key));
	}

	@Test
	void patchMergesIntoANewVersion() {
		String key = unique("kv");
		write(key, Map.of("a", "1", "c", "3"));
		Map<String, Object> changes = body("b", "2", "a", null);

		VaultHttpResponse response = root().patch("secret/data/" + key, body("data", changes));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.data().path("version").asInt()).isEqualTo(2);
		assertThat(response.data().path("deletion_time").asString()).isEmpty();
		JsonNode data = read(key).path("data");
		assertThat(data.propertyNames()).containsExactlyInAnyOrder("b", "c");
		assertThat(data.path("b").asString()).isEqualTo("2");
		assertThat(data.path("c").asString()).isEqualTo("3");
	}

	@Test
	void patchHonoursCheckAndSetAndNeedsData() {
		String key = unique("kv");
		write(key, Map.of("a", "1"));

		assertErrors(root().patch("secret/data/" + key, body("options", Map.of("cas", 7), "data", Map.of("b", "2"))),
				400, "check-and-set parameter did not match the current version");
		assertErrors(root().patch("secret/data/" + key, body("options", Map.of("cas", 1))), 400, "no data provided");
		assertThat(root().patch("secret/data/" + key, body("options", Map.of("cas", 1), "data", Map.of("b", "2")))
			.data()
			.path("version")
			.asInt()).isEqualTo(2);
		assertThat(read(key).path("data").propertyNames()).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void patchOfAMissingKeyIsNotFoundWithEmptyBody() {
		String key = unique("kv");

		VaultHttpResponse response = root().patch("secret/data/" + key, body("data", Map.of("a", "1")));

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).isEmpty();
		assertEmptyNotFound(root().get("secret/data/" + key));
	}

	@Test
	void deleteSoftDeletesTheLatestVersion() {
		String key = unique("kv");
		write(key, Map.of("k", "v1"));
		write(key, Map.of("k", "v2"));

		assertNoContent(root().delete("secret/data/" + key));

		VaultHttpResponse response = root().get("secret/data/" + key);
		assertDeletedEnvelope(response, 2, false);
		assertThat(response.data().at("/metadata/deletion_time").asString()).endsWith("Z");
		assertThat(read(key + "?version=1").at("/data/k").asString()).isEqualTo("v1");
	}

	@Test
	void deleteAndUndeleteChosenVersions() {
		String key = unique("kv");
		write(key, Map.of("k", "v1"));
		write(key, Map.of("k", "v2"));

		assertNoContent(root().post("secret/delete/" + key, body("versions", List.of(1))));
		assertDeletedEnvelope(root().get("secret/data/" + key + "?version=1"), 1, false);
		assertThat(read(key).at("/data/k").asString()).isEqualTo("v2");

		assertNoContent(root().post("secret/undelete/" + key, body("versions", List.of(1))));
		assertThat(read(key + "?version=1").at("/data/k").asString()).isEqualTo("v1");
		assertThat(read(key + "?version=1").at("/metadata/deletion_time").asString()).isEmpty();
	}

	@Test
	void destroyRemovesAVersionForGood() {
		String key = unique("kv");
		write(key, Map.of("k", "v1"));
		write(key, Map.of("k", "v2"));

		assertNoContent(root().put("secret/destroy/" + key, body("versions", List.of(1))));

		assertDeletedEnvelope(root().get("secret/data/" + key + "?version=1"), 1, true);
		assertNoContent(root().post("secret/undelete/" + key, body("versions", List.of(1))));
		assertDeletedEnvelope(root().get("secret/data/" + key + "?version=1"), 1, true);
		assertThat(read(key).at("/data/k").asString()).isEqualTo("v2");
	}

	@Test
	void versionOperationsNeedVersions() {
		String key = unique("kv");
		write(key, Map.of("k", "v1"));

		assertErrors(root().post("secret/delete/" + key, body()), 400, "No version number provided");
		assertErrors(root().post("secret/delete/" + key, body("versions", List.of())), 400,
				"No version number provided");
		assertErrors(root().post("secret/undelete/" + key, body()), 400, "No version number provided");
		assertErrors(root().put("secret/destroy/" + key, body()), 400, "no version number provided");
		assertThat(read(key).at("/data/k").asString()).isEqualTo("v1");
	}

	@Test
	void versionOperationsOnMissingKeysAreNoContent() {
		String key = unique("missing");

		assertNoContent(root().delete("secret/data/" + key));
		assertNoContent(root().post("secret/delete/" + key, body("versions", List.of(1))));
		assertNoContent(root().post("secret/undelete/" + key, body("versions", List.of(1))));
		assertNoContent(root().put("secret/destroy/" + key, body("versions", List.of(1))));
		assertEmptyNotFound(root().get("secret/metadata/" + key));
	}

	@Test
	void invalidPathsAnswerNotFoundWithAWarning() {
		String key = unique("kv");
		write(key, Map.of("k", "v"));

		assertInvalidPath(root().get("secret/" + key));
		assertInvalidPath(root().get("secret/data/" + key + "/"));
		assertInvalidPath(root().list("secret/data/" + key));
	}

	private VaultHttpResponse write(String key, Map<String, Object> data) {
		return root().post("secret/data/" + key, body("data", data));
	}

	private VaultHttpResponse writeCas(String key, int cas, String value) {
		return root().post("secret/data/" + key, body("options", Map.of("cas", cas), "data", Map.of("k", value)));
	}

	private JsonNode read(String keyAndQuery) {
		VaultHttpResponse response = root().get("secret/data/" + keyAndQuery);
		assertThat(response.status()).as("reading %s: %s", keyAndQuery, response).isEqualTo(200);
		return response.data();
	}

	/** A soft-deleted or destroyed version: 404, but with the full envelope and its metadata. */
	private static void assertDeletedEnvelope(VaultHttpResponse response, int version, boolean destroyed) {
		assertThat(response.status()).as("status of %s", response).isEqualTo(404);
		assertThat(response.json().has("request_id")).as("full envelope in %s", response).isTrue();
		assertThat(response.json().has("errors")).isFalse();
		assertThat(response.data().has("data")).isTrue();
		assertThat(response.data().path("data").isNull()).isTrue();
		JsonNode metadata = response.data().path("metadata");
		assertThat(metadata.path("version").asInt()).isEqualTo(version);
		assertThat(metadata.path("destroyed").asBoolean(!destroyed)).isEqualTo(destroyed);
		if (!destroyed) {
			assertThat(metadata.path("deletion_time").asString()).isNotEmpty();
		}
	}

	private static void assertInvalidPath(VaultHttpResponse response) {
		assertThat(response.status()).as("status of %s", response).isEqualTo(404);
		assertThat(response.warnings()).as("warnings of %s", response).containsExactly(INVALID_PATH);
	}

}
