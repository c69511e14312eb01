package io.github.vaultk8s.testapp.secret;

import java.time.Instant;
import java.util.List;

/**
 * The versions of a secret, from KV v2 metadata.
 *
 * @param name the secret
 * @param currentVersion the latest version (which may itself be deleted or destroyed)
 * @param oldestVersion the oldest version Vault still keeps ({@code 0} until pruning starts)
 * @param createdTime when the secret was first written
 * @param updatedTime when it was last written
 * @param versions each kept version, oldest first
 */
public record SecretHistory(SecretName name, int currentVersion, int oldestVersion, Instant createdTime,
		Instant updatedTime, List<VersionState> versions) {

	/**
	 * One version's state.
	 *
	 * @param version the version number
	 * @param createdTime when it was written
	 * @param deletionTime when it was soft-deleted or destroyed, {@code null} if it is readable
	 * @param state readable, deleted or destroyed
	 */
	public record VersionState(int version, Instant createdTime, Instant deletionTime, State state) {

	}

	/** What can be done with a version. */
	public enum State {

		/** Readable. */
		active,

		/** Soft-deleted: undelete makes it readable again. */
		deleted,

		/** Destroyed: the data is gone for good. */
		destroyed

	}

}
