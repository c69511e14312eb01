package io.github.vaultk8s.auth.session;

import java.time.Duration;

/**
 * No Vault token could be obtained within the bounded wait of a request thread. Applications map this to
 * {@code 503 Service Unavailable} with {@code Retry-After}. The message never contains a token.
 */
public class VaultSessionUnavailableException extends RuntimeException {

	private final transient Duration retryAfter;

	public VaultSessionUnavailableException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/**
	 * How long until the session manager tries to log in again: a hint for {@code Retry-After}.
	 * @return a non-negative duration
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
