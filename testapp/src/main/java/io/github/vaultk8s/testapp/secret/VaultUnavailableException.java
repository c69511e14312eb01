package io.github.vaultk8s.testapp.secret;

import java.time.Duration;

/**
 * Vault cannot serve the operation now: unreachable, sealed, overloaded, or the application has no
 * session. Worth retrying later; the cause is kept for the log.
 */
public class VaultUnavailableException extends SecretsException {

	private final Duration retryAfter;

	public VaultUnavailableException(String message, Throwable cause) {
		this(message, cause, null);
	}

	/**
	 * @param retryAfter when a retry may succeed, if known (e.g. the session's next login attempt)
	 */
	public VaultUnavailableException(String message, Throwable cause, Duration retryAfter) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** When a retry may succeed, {@code null} if unknown. */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
