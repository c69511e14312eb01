package io.github.vaultk8s.test.kv;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A key's metadata and versions, as KV v2 keeps them. Guarded by the store's lock.
 */
final class KvSecret {

	final Instant createdTime;

	Instant updatedTime;

	long currentVersion;

	long oldestVersion;

	int maxVersions;

	boolean casRequired;

	Duration deleteVersionAfter = Duration.ZERO;

	Map<String, String> customMetadata;

	final TreeMap<Long, KvVersion> versions = new TreeMap<>();

	KvSecret(Instant createdTime) {
		this.createdTime = createdTime;
		this.updatedTime = createdTime;
	}

	KvVersion current() {
		return this.versions.get(this.currentVersion);
	}

}
