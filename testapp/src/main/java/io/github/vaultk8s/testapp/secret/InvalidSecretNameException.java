package io.github.vaultk8s.testapp.secret;

/**
 * A name that is not a valid {@link SecretName}. The message says what is wrong without echoing the
 * name, which may hold anything.
 */
public class InvalidSecretNameException extends SecretsException {

	public InvalidSecretNameException(String reason) {
		super("Invalid secret name: " + reason + ".");
	}

}
