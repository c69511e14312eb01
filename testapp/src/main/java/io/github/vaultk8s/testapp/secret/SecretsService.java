package io.github.vaultk8s.testapp.secret;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.vaultk8s.testapp.secret.SecretHistory.State;
import io.github.vaultk8s.testapp.secret.SecretHistory.VersionState;

import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.VaultMetadataResponse;
import org.springframework.vault.support.VaultResponse;
import org.springframework.vault.support.Versioned;
import org.springframework.vault.support.Versioned.Metadata;
import org.springframework.vault.support.Versioned.Version;

/**
 * KV v2 operations on {@code secret/testapp/<name>}: the only class that talks to Vault. Every Vault path
 * is built from a {@link SecretName}, so nothing outside {@code secret/*}{@code /testapp} is reachable.
 * Failures come out as {@link SecretsException}s.
 */
@Service
public class SecretsService {

	/** The KV v2 mount; Vault dev servers mount KV v2 here. */
	static final String MOUNT = "secret";

	private static final MediaType MERGE_PATCH = MediaType.valueOf("application/merge-patch+json");

	private final VaultOperations vault;

	private final VaultVersionedKeyValueOperations kv;

	public SecretsService(VaultOperations vault) {
		this.vault = vault;
		this.kv = vault.opsForVersionedKeyValue(MOUNT);
	}

	/**
	 * Writes a new version of a secret.
	 * @param condition checked atomically by Vault's check-and-set
	 * @throws SecretVersionMismatchException if the condition does not hold
	 */
	public WrittenVersion write(SecretName name, Map<String, Object> data, WriteCondition condition) {
		return call(name, () -> {
			Metadata written = this.kv.put(name.relativeVaultPath(), withCheckAndSet(name, data, condition));
			return new WrittenVersion(name, written.getVersion().getVersion(), written.getCreatedAt());
		});
	}

	private Object withCheckAndSet(SecretName name, Map<String, Object> data, WriteCondition condition) {
		if (condition instanceof WriteCondition.CurrentVersion current) {
			return Versioned.create(data, Version.from(current.version()));
		}
		if (condition instanceof WriteCondition.Absent) {
			// cas=0 succeeds only while the key has no metadata at all.
			return Versioned.create(data, Version.unversioned());
		}
		if (condition instanceof WriteCondition.Present) {
			VaultMetadataResponse metadata = this.kv.opsForKeyValueMetadata().get(name.relativeVaultPath());
			if (metadata == null || state(metadata, metadata.getCurrentVersion()) != State.active) {
				throw new SecretVersionMismatchException(name,
						"Secret '" + name + "' has no readable current version; the write required one.");
			}
			return Versioned.create(data, Version.from(metadata.getCurrentVersion()));
		}
		return data;
	}

	/**
	 * Applies a JSON merge patch (RFC 7396) to the current version, in Vault (KV v2 {@code PATCH}), which
	 * writes the result as a new version.
	 * @param expectedVersion the version the patch was made against, or {@code null} for the current one
	 */
	public WrittenVersion patch(SecretName name, Map<String, Object> patch, Integer expectedVersion) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("data", patch);
		if (expectedVersion != null) {
			body.put("options", Map.of("cas", expectedVersion));
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MERGE_PATCH);
		String path = MOUNT + "/data/" + name.relativeVaultPath();
		return call(name, () -> {
			VaultResponse response = this.vault.doWithSession((rest) -> rest
				.exchange(path, HttpMethod.PATCH, new HttpEntity<>(body, headers), VaultResponse.class)
				.getBody());
			Map<String, Object> written = (response != null) ? response.getData() : null;
			if (written == null) {
				throw new VaultRejectedRequestException(502, "Vault answered the patch without version data.");
			}
			return new WrittenVersion(name, ((Number) written.get("version")).intValue(),
					Instant.parse((String) written.get("created_time")));
		});
	}

	/**
	 * Reads a version of a secret.
	 * @param version the version, or {@code null} for the current one
	 * @throws SecretNotFoundException if the secret or that version does not exist
	 * @throws SecretVersionGoneException if that version was deleted or destroyed
	 */
	public SecretValue read(SecretName name, Integer version) {
		Versioned<Map<String, Object>> read = call(name, () -> {
			try {
				return this.kv.get(name.relativeVaultPath(), (version != null) ? Version.from(version)
						: Version.unversioned());
			}
			catch (IllegalStateException deletedVersion) {
				// Spring Vault 4.0 unwraps Vault's 404 for a deleted or destroyed version (metadata, no
				// data) and then fails on the missing data. The metadata below says which it was.
				return null;
			}
		});
		if (read == null || !read.hasData() || !read.hasMetadata()) {
			throw explainUnreadable(name, version);
		}
		Metadata metadata = read.getRequiredMetadata();
		return new SecretValue(name, metadata.getVersion().getVersion(), metadata.getCreatedAt(), read.getData());
	}

	private SecretsException explainUnreadable(SecretName name, Integer version) {
		VaultMetadataResponse metadata = metadata(name);
		int asked = (version != null) ? version : metadata.getCurrentVersion();
		State state = state(metadata, asked);
		if (state == null || state == State.active) {
			return SecretNotFoundException.version(name, asked);
		}
		return new SecretVersionGoneException(name, asked, state == State.destroyed);
	}

	/**
	 * Lists the secrets and sub-folders of a folder.
	 * @param folder the folder, or {@code null} for the top
	 * @throws SecretNotFoundException if a named folder has nothing in it
	 */
	public SecretFolder list(SecretName folder) {
		String path = MOUNT + "/metadata/testapp" + ((folder != null) ? "/" + folder.value() : "");
		List<String> keys = call(folder, () -> this.vault.list(path));
		if (folder != null && (keys == null || keys.isEmpty())) {
			throw new SecretNotFoundException(folder, "Folder '" + folder + "' does not exist or is empty.");
		}
		List<String> secrets = new ArrayList<>();
		List<String> folders = new ArrayList<>();
		for (String key : (keys != null) ? keys : List.<String>of()) {
			(key.endsWith("/") ? folders : secrets).add(key);
		}
		return new SecretFolder((folder != null) ? folder.value() : "", List.copyOf(secrets), List.copyOf(folders));
	}

	/**
	 * Returns the versions of a secret and their state.
	 * @throws SecretNotFoundException if the secret does not exist
	 */
	public SecretHistory history(SecretName name) {
		VaultMetadataResponse metadata = metadata(name);
		List<VersionState> versions = metadata.getVersions()
			.stream()
			.sorted(Comparator.comparingInt((Metadata version) -> version.getVersion().getVersion()))
			.map((version) -> new VersionState(version.getVersion().getVersion(), version.getCreatedAt(),
					version.getDeletedAt(), state(version)))
			.toList();
		return new SecretHistory(name, metadata.getCurrentVersion(), metadata.getOldestVersion(),
				metadata.getCreatedTime(), metadata.getUpdatedTime(), versions);
	}

	/** Soft-deletes the current version. */
	public void deleteCurrentVersion(SecretName name) {
		metadata(name);
		call(name, () -> {
			this.kv.delete(name.relativeVaultPath());
			return null;
		});
	}

	/** Soft-deletes the given versions. */
	public void deleteVersions(SecretName name, Set<Integer> versions) {
		Version[] existing = existingVersions(name, versions);
		call(name, () -> {
			this.kv.delete(name.relativeVaultPath(), existing);
			return null;
		});
	}

	/** Makes soft-deleted versions readable again. */
	public void undeleteVersions(SecretName name, Set<Integer> versions) {
		Version[] existing = existingVersions(name, versions);
		call(name, () -> {
			this.kv.undelete(name.relativeVaultPath(), existing);
			return null;
		});
	}

	/** Removes the data of the given versions for good. */
	public void destroyVersions(SecretName name, Set<Integer> versions) {
		Version[] existing = existingVersions(name, versions);
		call(name, () -> {
			this.kv.destroy(name.relativeVaultPath(), existing);
			return null;
		});
	}

	/** Removes every version and the metadata. */
	public void purge(SecretName name) {
		metadata(name);
		call(name, () -> {
			this.kv.opsForKeyValueMetadata().delete(name.relativeVaultPath());
			return null;
		});
	}

	private Version[] existingVersions(SecretName name, Set<Integer> versions) {
		if (versions.isEmpty()) {
			throw new IllegalArgumentException("At least one version is required");
		}
		VaultMetadataResponse metadata = metadata(name);
		return versions.stream().sorted().map((version) -> {
			if (version < 1 || version > metadata.getCurrentVersion()) {
				throw SecretNotFoundException.version(name, version);
			}
			return Version.from(version);
		}).toArray(Version[]::new);
	}

	private VaultMetadataResponse metadata(SecretName name) {
		VaultMetadataResponse metadata = call(name,
				() -> this.kv.opsForKeyValueMetadata().get(name.relativeVaultPath()));
		if (metadata == null) {
			throw SecretNotFoundException.secret(name);
		}
		return metadata;
	}

	private static State state(VaultMetadataResponse metadata, int version) {
		return metadata.getVersions()
			.stream()
			.filter((candidate) -> candidate.getVersion().getVersion() == version)
			.findFirst()
			.map(SecretsService::state)
			.orElse(null);
	}

	private static State state(Metadata version) {
		if (version.isDestroyed()) {
			return State.destroyed;
		}
		return (version.getDeletedAt() != null) ? State.deleted : State.active;
	}

	private static <T> T call(SecretName name, Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (RuntimeException ex) {
			throw VaultErrorTranslator.translate(ex, name);
		}
	}

}
