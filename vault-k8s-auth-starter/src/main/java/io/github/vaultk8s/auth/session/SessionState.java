package io.github.vaultk8s.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of the session: what health and metrics show. It holds no token, only facts about it.
 *
 * @param authenticated whether a usable token is held
 * @param expiresAt when the token expires, {@code null} without token or for a token without TTL
 * @param renewable whether the token can be renewed
 * @param lastLogin the time of the last successful login
 * @param lastRenewal the time of the last successful renewal
 * @param lastError the last login or renewal error (a message without secrets), cleared by success
 * @param consecutiveFailures login or renewal failures since the last success
 * @param loginSuccesses successful logins since start
 * @param loginFailures failed logins since start
 * @param renewalSuccesses successful renewals since start
 * @param renewalFailures failed renewals since start
 * @param relogins logins after a token was lost or about to be, by reason
 */
public record SessionState(boolean authenticated, @Nullable Instant expiresAt, boolean renewable,
		@Nullable Instant lastLogin, @Nullable Instant lastRenewal, @Nullable String lastError,
		int consecutiveFailures, long loginSuccesses, long loginFailures, long renewalSuccesses,
		long renewalFailures, Map<ReloginReason, Long> relogins) {

	/**
	 * TTL left at {@code now}.
	 * @param now the current time
	 * @return the TTL left, zero without a token, {@code null} for a token without TTL
	 */
	public @Nullable Duration ttlLeft(Instant now) {
		if (!this.authenticated) {
			return Duration.ZERO;
		}
		if (this.expiresAt == null) {
			return null;
		}
		Duration left = Duration.between(now, this.expiresAt);
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * The number of re-logins for one reason.
	 * @param reason the reason
	 * @return the count
	 */
	public long relogins(ReloginReason reason) {
		return this.relogins.getOrDefault(reason, 0L);
	}

}
