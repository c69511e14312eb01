package io.github.vaultk8s.testapp.secret;

/**
 * Vault cannot serve the operation now: unreachable, sealed, overloaded, or the application has no
 * session. Worth retrying later; the cause is kept for the log.
 */
public class VaultUnavailableException extends SecretsException {

	public VaultUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
