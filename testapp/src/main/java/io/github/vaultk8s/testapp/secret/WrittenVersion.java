package io.github.vaultk8s.testapp.secret;

import java.time.Instant;

/**
 * The version a write created.
 *
 * @param name the secret
 * @param version the new version, {@code 1} when the write created the secret
 * @param createdTime when Vault stored it
 */
public record WrittenVersion(SecretName name, int version, Instant createdTime) {

	/** Whether this write created the secret (rather than adding a version to an existing one). */
	public boolean created() {
		return this.version == 1;
	}

}
