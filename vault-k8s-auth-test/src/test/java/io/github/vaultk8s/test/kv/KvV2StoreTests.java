package io.github.vaultk8s.test.kv;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.vaultk8s.test.MutableClock;
import io.github.vaultk8s.test.http.VaultApiError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KvV2StoreTests {

	private final MutableClock clock = MutableClock.startingNow();

	private final KvV2Store store = new KvV2Store(this.clock);

	@Test
	void writeAnswersVersionMetadataAndReadReturnsData() {
		Map<String, Object> written = this.store.write("app/db", Map.of("password", "s3cret"), null);
		assertThat(written).containsEntry("version", 1L)
			.containsEntry("deletion_time", "")
			.containsEntry("destroyed", false)
			.containsEntry("custom_metadata", null)
			.containsEntry("created_time", "2026-01-02T03:04:05.123456789Z");
		KvV2Store.Read read = this.store.read("app/db", 0);
		assertThat(read.gone()).isFalse();
		assertThat(read.data()).containsEntry("data", Map.of("password", "s3cret"));
		assertThat(metadataOf(read)).containsEntry("version", 1L);
	}

	@Test
	void missingKeyOrVersionIsAnEmpty404() {
		assertNotFound(() -> this.store.read("nope", 0));
		this.store.write("a", Map.of("k", "v"), null);
		assertNotFound(() -> this.store.read("a", 2));
	}

	@Test
	void casMustMatchTheCurrentVersion() {
		this.store.write("a", Map.of("k", "1"), 0);
		assertThat(this.store.write("a", Map.of("k", "2"), 1)).containsEntry("version", 2L);
		assertBadRequest(() -> this.store.write("a", Map.of("k", "3"), 1),
				"check-and-set parameter did not match the current version");
		assertBadRequest(() -> this.store.write("a", Map.of("k", "3"), 0),
				"check-and-set parameter did not match the current version");
		assertBadRequest(() -> this.store.write("a", Map.of("k", "3"), "x"), "error parsing check-and-set parameter");
		assertThat(this.store.write("a", Map.of("k", "3"), "2")).containsEntry("version", 3L);
	}

	@Test
	void casZeroSucceedsOnlyWithoutMetadataAndSoftDeletedVersionsStillCount() {
		this.store.write("a", Map.of("k", "1"), null);
		this.store.deleteLatest("a");
		assertBadRequest(() -> this.store.write("a", Map.of("k", "2"), 0),
				"check-and-set parameter did not match the current version");
		assertThat(this.store.write("a", Map.of("k", "2"), 1)).containsEntry("version", 2L);
	}

	@Test
	void casRequiredByConfigOrMetadata() {
		this.store.writeConfig(null, true, null);
		assertBadRequest(() -> this.store.write("a", Map.of("k", "1"), null),
				"check-and-set parameter required for this call");
		this.store.writeConfig(null, false, null);
		this.store.writeMetadata("b", null, true, null, null, false);
		assertBadRequest(() -> this.store.write("b", Map.of("k", "1"), null),
				"check-and-set parameter required for this call");
		assertThat(this.store.write("b", Map.of("k", "1"), 0)).containsEntry("version", 1L);
	}

	@Test
	void softDeletedAndDestroyedVersionsAre404WithTheirMetadata() {
		this.store.write("a", Map.of("k", "1"), null);
		this.store.write("a", Map.of("k", "2"), null);
		this.clock.advance(Duration.ofSeconds(1));
		this.store.deleteLatest("a");
		KvV2Store.Read deleted = this.store.read("a", 0);
		assertThat(deleted.gone()).isTrue();
		assertThat(deleted.data()).containsEntry("data", null);
		assertThat(metadataOf(deleted)).containsEntry("deletion_time", "2026-01-02T03:04:06.123456789Z")
			.containsEntry("destroyed", false)
			.containsEntry("version", 2L);
		this.store.destroyVersions("a", List.of(1L));
		KvV2Store.Read destroyed = this.store.read("a", 1);
		assertThat(destroyed.gone()).isTrue();
		assertThat(metadataOf(destroyed)).containsEntry("destroyed", true).containsEntry("deletion_time", "");
	}

	@Test
	void undeleteRestoresButNotDestroyed() {
		this.store.write("a", Map.of("k", "1"), null);
		this.store.write("a", Map.of("k", "2"), null);
		this.store.deleteVersions("a", List.of(1L, 2L));
		this.store.destroyVersions("a", List.of(2L));
		this.store.undeleteVersions("a", List.of(1L, 2L, 99L));
		assertThat(this.store.read("a", 1).gone()).isFalse();
		assertThat(this.store.read("a", 1).data()).containsEntry("data", Map.of("k", "1"));
		assertThat(this.store.read("a", 2).gone()).isTrue();
	}

	@Test
	void deletingMissingKeysIsFine() {
		this.store.deleteLatest("missing");
		this.store.deleteVersions("missing", List.of(1L));
		this.store.undeleteVersions("missing", List.of(1L));
		this.store.destroyVersions("missing", List.of(1L));
		this.store.deleteMetadata("missing");
		assertThat(this.store.exists("missing")).isFalse();
	}

	@Test
	void oldVersionsArePrunedAtMaxVersions() {
		this.store.writeMetadata("a", 3, null, null, null, false);
		for (int i = 1; i <= 2; i++) {
			this.store.write("a", Map.of("v", i), null);
		}
		assertThat(this.store.readMetadata("a")).containsEntry("oldest_version", 0L);
		this.store.write("a", Map.of("v", 3), null);
		assertThat(this.store.readMetadata("a")).containsEntry("oldest_version", 1L);
		this.store.write("a", Map.of("v", 4), null);
		Map<String, Object> metadata = this.store.readMetadata("a");
		assertThat(metadata).containsEntry("oldest_version", 2L).containsEntry("current_version", 4L);
		assertThat(versionsOf(metadata)).containsOnlyKeys("2", "3", "4");
		assertNotFound(() -> this.store.read("a", 1));
	}

	@Test
	void defaultKeepsTenVersionsAndConfigOverrides() {
		for (int i = 1; i <= 11; i++) {
			this.store.write("a", Map.of("v", i), null);
		}
		assertThat(versionsOf(this.store.readMetadata("a"))).hasSize(10).doesNotContainKey("1");
		this.store.writeConfig(2, null, null);
		this.store.write("b", Map.of("v", 1), null);
		this.store.write("b", Map.of("v", 2), null);
		this.store.write("b", Map.of("v", 3), null);
		assertThat(versionsOf(this.store.readMetadata("b"))).containsOnlyKeys("2", "3");
	}

	@Test
	void patchMergesIntoANewVersion() {
		this.store.write("a", Map.of("keep", "1", "drop", "2", "nested", Map.of("x", 1, "y", 2)), null);
		Map<String, Object> patch = new HashMap<>();
		patch.put("drop", null);
		patch.put("added", "3");
		Map<String, Object> nested = new HashMap<>();
		nested.put("y", null);
		nested.put("z", 3);
		patch.put("nested", nested);
		assertThat(this.store.patch("a", patch, null)).containsEntry("version", 2L);
		assertThat(this.store.read("a", 0).data()).containsEntry("data",
				Map.of("keep", "1", "added", "3", "nested", Map.of("x", 1, "z", 3)));
		assertThat(this.store.read("a", 1).data()).containsEntry("data",
				Map.of("keep", "1", "drop", "2", "nested", Map.of("x", 1, "y", 2)));
	}

	@Test
	void patchOfMissingOrDeletedKeyIs404() {
		assertNotFound(() -> this.store.patch("a", Map.of("k", "v"), null));
		this.store.write("a", Map.of("k", "v"), null);
		this.store.deleteLatest("a");
		assertNotFound(() -> this.store.patch("a", Map.of("k", "v"), null));
	}

	@Test
	void metadataReadWriteAndDelete() {
		this.store.write("a", Map.of("k", "v"), null);
		this.clock.advance(Duration.ofSeconds(5));
		this.store.writeMetadata("a", 5, true, Duration.ofHours(1), Map.of("owner", "team"), false);
		Map<String, Object> metadata = this.store.readMetadata("a");
		assertThat(metadata).containsEntry("max_versions", 5)
			.containsEntry("cas_required", true)
			.containsEntry("delete_version_after", "1h0m0s")
			.containsEntry("custom_metadata", Map.of("owner", "team"))
			.containsEntry("created_time", "2026-01-02T03:04:05.123456789Z")
			.containsEntry("updated_time", "2026-01-02T03:04:10.123456789Z");
		Map<String, String> patch = new HashMap<>();
		patch.put("owner", null);
		patch.put("tier", "gold");
		this.store.writeMetadata("a", null, null, null, patch, true);
		assertThat(this.store.readMetadata("a")).containsEntry("custom_metadata", Map.of("tier", "gold"))
			.containsEntry("max_versions", 5);
		assertThat(this.store.read("a", 1).data().get("metadata")).asInstanceOf(
				org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("custom_metadata", Map.of("tier", "gold"));
		this.store.deleteMetadata("a");
		assertNotFound(() -> this.store.readMetadata("a"));
		assertNotFound(() -> this.store.read("a", 1));
	}

	@Test
	void customMetadataLimits() {
		Map<String, String> tooMany = new HashMap<>();
		for (int i = 0; i < 65; i++) {
			tooMany.put("k" + i, "v");
		}
		assertBadRequest(() -> this.store.writeMetadata("a", null, null, null, tooMany, false),
				"1 error occurred:\n\t* custom_metadata validation failed: payload must contain at most 64 keys, provided 65\n\n");
		assertBadRequest(() -> this.store.writeMetadata("a", null, null, null, Map.of("k".repeat(129), "v"), false),
				"1 error occurred:\n\t* custom_metadata validation failed: length of key \"" + "k".repeat(129)
						+ "\" is 129 but must be 0 < len(key) <= 128\n\n");
		assertBadRequest(() -> this.store.writeMetadata("a", null, null, null, Map.of("k", "v".repeat(513)), false),
				"1 error occurred:\n\t* custom_metadata validation failed: length of value for key \"k\" is 513 but must be <= 512\n\n");
		assertThat(this.store.exists("a")).isFalse();
		this.store.writeMetadata("a", null, null, null, Map.of("k".repeat(128), "v".repeat(512)), false);
		assertThat(this.store.exists("a")).isTrue();
	}

	@Test
	void deleteVersionAfterSoftDeletesOnTheClock() {
		this.store.writeConfig(null, null, Duration.ofMinutes(10));
		this.store.write("a", Map.of("k", "v"), null);
		assertThat(this.store.read("a", 0).gone()).isFalse();
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.store.read("a", 0).gone()).isTrue();
		assertThat(this.store.readConfig()).containsEntry("delete_version_after", "10m0s");
	}

	@Test
	void listShowsDirectChildrenWithFoldersAndSoftDeletedKeys() {
		this.store.write("app/a", Map.of("k", "v"), null);
		this.store.write("app/b/c", Map.of("k", "v"), null);
		this.store.write("app/b/d", Map.of("k", "v"), null);
		this.store.write("apple", Map.of("k", "v"), null);
		this.store.deleteLatest("app/a");
		assertThat(this.store.list("app/")).containsExactly("a", "b/");
		assertThat(this.store.list("")).containsExactly("app/", "apple");
		assertThat(this.store.list("app/b/")).containsExactly("c", "d");
		assertThat(this.store.list("app/a/")).isEmpty();
		assertThat(this.store.list("nothing/")).isEmpty();
	}

	@Test
	void configDefaults() {
		assertThat(this.store.readConfig()).containsExactly(Map.entry("cas_required", false),
				Map.entry("delete_version_after", "0s"), Map.entry("max_versions", 0));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadataOf(KvV2Store.Read read) {
		return (Map<String, Object>) read.data().get("metadata");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> versionsOf(Map<String, Object> metadata) {
		return (Map<String, Object>) metadata.get("versions");
	}

	private static void assertNotFound(Runnable action) {
		assertThatExceptionOfType(VaultApiError.class).isThrownBy(action::run).satisfies((error) -> {
			assertThat(error.status()).isEqualTo(404);
			assertThat(error.errors()).isEmpty();
		});
	}

	private static void assertBadRequest(Runnable action, String message) {
		assertThatExceptionOfType(VaultApiError.class).isThrownBy(action::run).satisfies((error) -> {
			assertThat(error.status()).isEqualTo(400);
			assertThat(error.errors()).containsExactly(message);
		});
	}

}
