package io.github.vaultk8s.test.kv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.time.GoDuration;
import io.github.vaultk8s.test.time.VaultTimestamps;

/**
 * KV v2 storage and semantics, answering in Vault's shapes. One read-write lock keeps every key's
 * metadata and versions consistent; reads share it.
 */
public final class KvV2Store {

	static final int DEFAULT_MAX_VERSIONS = 10;

	static final int MAX_CUSTOM_METADATA_KEYS = 64;

	static final int MAX_CUSTOM_METADATA_KEY_LENGTH = 128;

	static final int MAX_CUSTOM_METADATA_VALUE_LENGTH = 512;

	private final Clock clock;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final TreeMap<String, KvSecret> secrets = new TreeMap<>();

	private KvConfig config = KvConfig.DEFAULT;

	public KvV2Store(Clock clock) {
		this.clock = clock;
	}

	/** The result of reading a version: its {@code data} block, and whether it is deleted or destroyed. */
	public record Read(Map<String, Object> data, boolean gone) {
	}

	public Map<String, Object> readConfig() {
		KvConfig current = withReadLock(() -> this.config);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("cas_required", current.casRequired());
		data.put("delete_version_after", GoDuration.format(current.deleteVersionAfter()));
		data.put("max_versions", current.maxVersions());
		return data;
	}

	public void writeConfig(Integer maxVersions, Boolean casRequired, Duration deleteVersionAfter) {
		withWriteLock(() -> {
			KvConfig old = this.config;
			this.config = new KvConfig((maxVersions != null) ? maxVersions : old.maxVersions(),
					(casRequired != null) ? casRequired : old.casRequired(),
					(deleteVersionAfter != null) ? deleteVersionAfter : old.deleteVersionAfter());
			return null;
		});
	}

	/** Whether the key has metadata: KV v2's existence check for create vs update. */
	public boolean exists(String key) {
		return withReadLock(() -> this.secrets.containsKey(key));
	}

	/**
	 * Writes a new version.
	 * @param cas the {@code options.cas} value as sent, {@code null} when absent
	 */
	public Map<String, Object> write(String key, Map<String, Object> data, Object cas) {
		return withWriteLock(() -> {
			Instant now = this.clock.instant();
			KvSecret secret = this.secrets.get(key);
			checkCas(secret, cas);
			if (secret == null) {
				secret = new KvSecret(now);
				this.secrets.put(key, secret);
			}
			return addVersion(secret, data, now);
		});
	}

	/** Whether the key's current version can be read (not deleted, not destroyed). */
	public boolean hasReadableCurrentVersion(String key) {
		return withReadLock(() -> {
			KvSecret secret = this.secrets.get(key);
			KvVersion current = (secret != null) ? secret.current() : null;
			return current != null && current.isReadableAt(this.clock.instant());
		});
	}

	/** Merge-patches the current version into a new one; 404 when there is no readable current version. */
	public Map<String, Object> patch(String key, Map<String, Object> patch, Object cas) {
		return withWriteLock(() -> {
			Instant now = this.clock.instant();
			KvSecret secret = this.secrets.get(key);
			KvVersion current = (secret != null) ? secret.current() : null;
			if (current == null || !current.isReadableAt(now)) {
				throw VaultApiError.notFound();
			}
			checkCas(secret, cas);
			return addVersion(secret, MergePatch.apply(current.data, patch), now);
		});
	}

	/** Reads a version ({@code 0} = current). */
	public Read read(String key, long version) {
		return withReadLock(() -> {
			Instant now = this.clock.instant();
			KvSecret secret = this.secrets.get(key);
			if (secret == null) {
				throw VaultApiError.notFound();
			}
			long wanted = (version == 0) ? secret.currentVersion : version;
			KvVersion found = secret.versions.get(wanted);
			if (found == null) {
				throw VaultApiError.notFound();
			}
			Map<String, Object> data = new LinkedHashMap<>();
			boolean gone = !found.isReadableAt(now);
			data.put("data", gone ? null : found.data);
			data.put("metadata", versionMetadata(secret, wanted, found));
			return new Read(data, gone);
		});
	}

	/** Soft-deletes the current version; nothing to do is fine. */
	public void deleteLatest(String key) {
		withWriteLock(() -> {
			Instant now = this.clock.instant();
			KvSecret secret = this.secrets.get(key);
			KvVersion current = (secret != null) ? secret.current() : null;
			if (current != null && current.isReadableAt(now)) {
				current.deletionTime = now;
			}
			return null;
		});
	}

	public void deleteVersions(String key, List<Long> versions) {
		withWriteLock(() -> {
			Instant now = this.clock.instant();
			forEachVersion(key, versions, (version) -> {
				if (version.isReadableAt(now)) {
					version.deletionTime = now;
				}
			});
			return null;
		});
	}

	public void undeleteVersions(String key, List<Long> versions) {
		withWriteLock(() -> {
			forEachVersion(key, versions, (version) -> {
				if (!version.destroyed) {
					version.deletionTime = null;
				}
			});
			return null;
		});
	}

	public void destroyVersions(String key, List<Long> versions) {
		withWriteLock(() -> {
			forEachVersion(key, versions, (version) -> {
				version.destroyed = true;
				version.data = null;
			});
			return null;
		});
	}

	public Map<String, Object> readMetadata(String key) {
		return withReadLock(() -> {
			KvSecret secret = this.secrets.get(key);
			if (secret == null) {
				throw VaultApiError.notFound();
			}
			Map<String, Object> versions = new LinkedHashMap<>();
			secret.versions.forEach((number, version) -> {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("created_time", VaultTimestamps.format(version.createdTime));
				entry.put("deletion_time", VaultTimestamps.format(version.deletionTime));
				entry.put("destroyed", version.destroyed);
				versions.put(Long.toString(number), entry);
			});
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("cas_required", secret.casRequired);
			data.put("created_time", VaultTimestamps.format(secret.createdTime));
			data.put("current_version", secret.currentVersion);
			data.put("custom_metadata", secret.customMetadata);
			data.put("delete_version_after", GoDuration.format(secret.deleteVersionAfter));
			data.put("max_versions", secret.maxVersions);
			data.put("oldest_version", secret.oldestVersion);
			data.put("updated_time", VaultTimestamps.format(secret.updatedTime));
			data.put("versions", versions);
			return data;
		});
	}

	/**
	 * Writes metadata; {@code null} arguments leave a setting as it is. With {@code mergeCustomMetadata}
	 * (PATCH) custom metadata is merged key by key and {@code null} values remove keys.
	 */
	public void writeMetadata(String key, Integer maxVersions, Boolean casRequired, Duration deleteVersionAfter,
			Map<String, String> customMetadata, boolean mergeCustomMetadata) {
		withWriteLock(() -> {
			Instant now = this.clock.instant();
			KvSecret secret = this.secrets.get(key);
			if (secret == null) {
				if (mergeCustomMetadata) {
					throw VaultApiError.notFound();
				}
				secret = new KvSecret(now);
			}
			Map<String, String> newCustom = secret.customMetadata;
			if (customMetadata != null) {
				if (mergeCustomMetadata) {
					Map<String, String> merged = new LinkedHashMap<>((newCustom != null) ? newCustom : Map.of());
					customMetadata.forEach((name, value) -> {
						if (value == null) {
							merged.remove(name);
						}
						else {
							merged.put(name, value);
						}
					});
					newCustom = merged;
				}
				else {
					newCustom = new LinkedHashMap<>(customMetadata);
				}
				validateCustomMetadata(newCustom);
			}
			this.secrets.putIfAbsent(key, secret);
			if (maxVersions != null) {
				secret.maxVersions = maxVersions;
			}
			if (casRequired != null) {
				secret.casRequired = casRequired;
			}
			if (deleteVersionAfter != null) {
				secret.deleteVersionAfter = deleteVersionAfter;
			}
			if (customMetadata != null) {
				secret.customMetadata = newCustom.isEmpty() ? null : newCustom;
			}
			secret.updatedTime = now;
			return null;
		});
	}

	public void deleteMetadata(String key) {
		withWriteLock(() -> this.secrets.remove(key));
	}

	/** The direct children of a folder ({@code ""} for the top), folders with a trailing {@code /}. */
	public List<String> list(String folder) {
		return withReadLock(() -> {
			Set<String> keys = new LinkedHashSet<>();
			NavigableMap<String, KvSecret> below = this.secrets.tailMap(folder, true);
			for (String key : below.keySet()) {
				if (!key.startsWith(folder)) {
					break;
				}
				String rest = key.substring(folder.length());
				int slash = rest.indexOf('/');
				keys.add((slash >= 0) ? rest.substring(0, slash + 1) : rest);
			}
			keys.remove("");
			return new ArrayList<>(keys);
		});
	}

	private Map<String, Object> addVersion(KvSecret secret, Map<String, Object> data, Instant now) {
		long number = secret.currentVersion + 1;
		Duration deleteAfter = effectiveDeleteVersionAfter(secret);
		KvVersion version = new KvVersion(now, data, deleteAfter.isZero() ? null : now.plus(deleteAfter));
		secret.versions.put(number, version);
		secret.currentVersion = number;
		secret.updatedTime = now;
		long maxVersions = effectiveMaxVersions(secret);
		if (secret.currentVersion - secret.oldestVersion >= maxVersions) {
			long lastToDelete = secret.currentVersion - maxVersions;
			secret.versions.headMap(lastToDelete, true).clear();
			secret.oldestVersion = lastToDelete + 1;
		}
		return versionMetadata(secret, number, version);
	}

	private int effectiveMaxVersions(KvSecret secret) {
		if (secret.maxVersions > 0) {
			return secret.maxVersions;
		}
		return (this.config.maxVersions() > 0) ? this.config.maxVersions() : DEFAULT_MAX_VERSIONS;
	}

	private Duration effectiveDeleteVersionAfter(KvSecret secret) {
		return secret.deleteVersionAfter.isZero() ? this.config.deleteVersionAfter() : secret.deleteVersionAfter;
	}

	private void checkCas(KvSecret secret, Object cas) {
		boolean required = this.config.casRequired() || (secret != null && secret.casRequired);
		if (cas == null) {
			if (required) {
				throw VaultApiError.badRequest("check-and-set parameter required for this call");
			}
			return;
		}
		long expected = parseCas(cas);
		long current = (secret != null) ? secret.currentVersion : 0;
		if (expected != current) {
			throw VaultApiError.badRequest("check-and-set parameter did not match the current version");
		}
	}

	private static long parseCas(Object cas) {
		if (cas instanceof Integer || cas instanceof Long) {
			return ((Number) cas).longValue();
		}
		if (cas instanceof Double d && d == Math.rint(d)) {
			return d.longValue();
		}
		if (cas instanceof String s) {
			try {
				return s.isEmpty() ? 0 : Long.parseLong(s.trim());
			}
			catch (NumberFormatException ex) {
				// below
			}
		}
		if (cas instanceof Boolean b) {
			return b ? 1 : 0;
		}
		throw VaultApiError.badRequest("error parsing check-and-set parameter");
	}

	private static Map<String, Object> versionMetadata(KvSecret secret, long number, KvVersion version) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("created_time", VaultTimestamps.format(version.createdTime));
		metadata.put("custom_metadata", secret.customMetadata);
		metadata.put("deletion_time", VaultTimestamps.format(version.deletionTime));
		metadata.put("destroyed", version.destroyed);
		metadata.put("version", number);
		return metadata;
	}

	private void forEachVersion(String key, List<Long> numbers, java.util.function.Consumer<KvVersion> action) {
		KvSecret secret = this.secrets.get(key);
		if (secret == null) {
			return;
		}
		for (Long number : numbers) {
			KvVersion version = secret.versions.get(number);
			if (version != null) {
				action.accept(version);
			}
		}
	}

	/** Vault checks all limits and reports every violation in one multi-error. */
	private static void validateCustomMetadata(Map<String, String> customMetadata) {
		List<String> errors = new ArrayList<>();
		String prefix = "custom_metadata validation failed: ";
		if (customMetadata.size() > MAX_CUSTOM_METADATA_KEYS) {
			errors.add(prefix + "payload must contain at most " + MAX_CUSTOM_METADATA_KEYS + " keys, provided "
					+ customMetadata.size());
		}
		customMetadata.forEach((name, value) -> {
			int keyLength = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
			if (keyLength == 0 || keyLength > MAX_CUSTOM_METADATA_KEY_LENGTH) {
				errors.add(prefix + "length of key \"" + shorten(name) + "\" is " + keyLength
						+ " but must be 0 < len(key) <= " + MAX_CUSTOM_METADATA_KEY_LENGTH);
			}
			int valueLength = (value != null) ? value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length : 0;
			if (valueLength > MAX_CUSTOM_METADATA_VALUE_LENGTH) {
				errors.add(prefix + "length of value for key \"" + shorten(name) + "\" is " + valueLength
						+ " but must be <= " + MAX_CUSTOM_METADATA_VALUE_LENGTH);
			}
		});
		if (!errors.isEmpty()) {
			StringBuilder message = new StringBuilder();
			message.append(errors.size()).append((errors.size() == 1) ? " error occurred:\n" : " errors occurred:\n");
			for (String error : errors) {
				message.append("\t* ").append(error).append('\n');
			}
			throw VaultApiError.badRequest(message.append('\n').toString());
		}
	}

	private static String shorten(String name) {
		return (name.length() > 140) ? name.substring(0, 140) + "..." : name;
	}

	private <T> T withReadLock(java.util.function.Supplier<T> action) {
		this.lock.readLock().lock();
		try {
			return action.get();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private <T> T withWriteLock(java.util.function.Supplier<T> action) {
		this.lock.writeLock().lock();
		try {
			return action.get();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

}
