package io.github.vaultk8s.testapp.secret;

import java.time.Instant;
import java.util.Map;

/**
 * One readable version of a secret.
 *
 * @param name the secret
 * @param version the version read
 * @param createdTime when the version was written
 * @param data the key/value data
 */
public record SecretValue(SecretName name, int version, Instant createdTime, Map<String, Object> data) {

	// Keep the data out of toString(): records print every component, and these end up in logs easily.
	@Override
	public String toString() {
		return "SecretValue[name=" + this.name + ", version=" + this.version + "]";
	}

}
