package io.github.vaultk8s.auth.health;

import java.time.Duration;
import java.time.Instant;

import io.github.vaultk8s.auth.session.ResilientSessionManager;
import io.github.vaultk8s.auth.session.SessionState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the application's own Vault session (the server itself is Spring Cloud Vault's {@code vault}
 * indicator). UP while a token is held whose TTL is above the session's expiry margin; DOWN before the first
 * login, while logging in again and after repeated failures. Details never include the token.
 */
public class VaultSessionHealthIndicator extends AbstractHealthIndicator {

	private final ResilientSessionManager session;

	public VaultSessionHealthIndicator(ResilientSessionManager session) {
		super("Vault session health check failed");
		this.session = session;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SessionState state = this.session.state();
		Instant now = this.session.clock().instant();
		Duration ttlLeft = state.ttlLeft(now);
		boolean usable = state.authenticated()
				&& (ttlLeft == null || ttlLeft.compareTo(this.session.getSettings().expiryMargin()) > 0);
		builder.status(usable ? Status.UP : Status.DOWN);
		builder.withDetail("authenticated", state.authenticated());
		if (ttlLeft != null) {
			builder.withDetail("ttlLeft", ttlLeft.toSeconds() + "s");
		}
		builder.withDetail("renewable", state.renewable());
		if (state.lastLogin() != null) {
			builder.withDetail("lastLogin", state.lastLogin().toString());
		}
		if (state.lastRenewal() != null) {
			builder.withDetail("lastRenewal", state.lastRenewal().toString());
		}
		if (state.lastError() != null) {
			builder.withDetail("lastError", state.lastError());
		}
		builder.withDetail("consecutiveFailures", state.consecutiveFailures());
	}

}
