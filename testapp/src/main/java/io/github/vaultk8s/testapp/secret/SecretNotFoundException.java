package io.github.vaultk8s.testapp.secret;

/**
 * The secret, or the asked version of it, does not exist (or no longer exists after a purge).
 */
public class SecretNotFoundException extends SecretsException {

	private final SecretName name;

	public SecretNotFoundException(SecretName name, String message) {
		super(message);
		this.name = name;
	}

	public static SecretNotFoundException secret(SecretName name) {
		return new SecretNotFoundException(name, "Secret '" + name + "' does not exist.");
	}

	public static SecretNotFoundException version(SecretName name, int version) {
		return new SecretNotFoundException(name, "Secret '" + name + "' has no version " + version + ".");
	}

	public SecretName getName() {
		return this.name;
	}

}
