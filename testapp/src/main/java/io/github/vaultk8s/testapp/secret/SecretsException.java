package io.github.vaultk8s.testapp.secret;

/**
 * A failure of a secrets operation, in the terms the HTTP layer maps to a status. Messages are written
 * for the API caller: they name secrets and versions, never values or tokens. No stack trace is kept:
 * these are answers, not bugs.
 */
public abstract class SecretsException extends RuntimeException {

	protected SecretsException(String message) {
		super(message, null, false, false);
	}

	protected SecretsException(String message, Throwable cause) {
		super(message, cause, false, false);
	}

}
