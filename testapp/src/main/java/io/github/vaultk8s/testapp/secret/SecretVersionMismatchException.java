package io.github.vaultk8s.testapp.secret;

/**
 * A conditional write lost: the secret's current version is not the one the caller based the write on
 * (Vault's check-and-set refused it), or the caller asked to create a secret that already exists.
 */
public class SecretVersionMismatchException extends SecretsException {

	private final SecretName name;

	public SecretVersionMismatchException(SecretName name, String message) {
		super(message);
		this.name = name;
	}

	public SecretName getName() {
		return this.name;
	}

}
