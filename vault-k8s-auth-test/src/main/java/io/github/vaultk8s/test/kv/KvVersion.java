package io.github.vaultk8s.test.kv;

import java.time.Instant;
import java.util.Map;

/**
 * One version of a secret: its data (gone once destroyed) and its lifecycle times. Guarded by the
 * store's lock.
 */
final class KvVersion {

	final Instant createdTime;

	Map<String, Object> data;

	Instant deletionTime;

	boolean destroyed;

	KvVersion(Instant createdTime, Map<String, Object> data, Instant deletionTime) {
		this.createdTime = createdTime;
		this.data = data;
		this.deletionTime = deletionTime;
	}

	/** Soft-deleted now (a deletion time in the future, from {@code delete_version_after}, is not yet). */
	boolean isDeletedAt(Instant now) {
		return this.deletionTime != null && !this.deletionTime.isAfter(now);
	}

	boolean isReadableAt(Instant now) {
		return !this.destroyed && !isDeletedAt(now);
	}

}
