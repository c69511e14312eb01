package io.github.vaultk8s.auth.session;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * The timings of a {@link ResilientSessionManager}, validated once.
 *
 * @param renewalFraction renew (or plan a re-login) after this fraction of the time the token can be used (TTL
 * minus {@code expiryMargin}), in (0, 1)
 * @param renewalJitter up to this fraction of the renewal delay is taken off at random, in [0, 0.5]
 * @param backoff login and renewal retry backoff
 * @param maxTokenWait how long a request thread waits for a token before it gets a
 * {@link VaultSessionUnavailableException}
 * @param expiryMargin a token with less TTL left than this is not handed out any more
 * @param revokeOnShutdown whether the token is revoked (revoke-self) when the session is destroyed
 */
public record SessionSettings(double renewalFraction, double renewalJitter, Backoff backoff, Duration maxTokenWait,
		Duration expiryMargin, boolean revokeOnShutdown) {

	public SessionSettings {
		Assert.isTrue(renewalFraction > 0 && renewalFraction < 1, "Renewal fraction must be in (0, 1)");
		Assert.isTrue(renewalJitter >= 0 && renewalJitter <= 0.5, "Renewal jitter must be in [0, 0.5]");
		Assert.notNull(backoff, "Backoff must not be null");
		Assert.isTrue(maxTokenWait != null && !maxTokenWait.isNegative(), "Max token wait must not be negative");
		Assert.isTrue(expiryMargin != null && !expiryMargin.isNegative(), "Expiry margin must not be negative");
	}

	/**
	 * Defaults: renew at 2/3 of the TTL with 10 % jitter, back off 1 s to 5 min (×2, 20 % jitter), request threads
	 * wait up to 5 s, tokens with less than 1 s left are not used, revoke on shutdown.
	 * @return the defaults
	 */
	public static SessionSettings defaults() {
		return new SessionSettings(2.0 / 3, 0.1, Backoff.defaults(), Duration.ofSeconds(5), Duration.ofSeconds(1),
				true);
	}

}
