package io.github.vaultk8s.auth.metrics;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.vaultk8s.auth.session.ReloginReason;
import io.github.vaultk8s.auth.session.ResilientSessionManager;
import io.github.vaultk8s.auth.session.SessionState;

/**
 * The session meters, modelled on Vault Agent's: all of them read the session's {@link SessionState}, so they can
 * never disagree with health.
 * <ul>
 * <li>{@code vault.session.authenticated}: 1 while a token is held, else 0</li>
 * <li>{@code vault.session.token.ttl}: seconds of TTL left (0 without token)</li>
 * <li>{@code vault.session.logins{outcome=success|failure}}</li>
 * <li>{@code vault.session.renewals{outcome=success|failure}}</li>
 * <li>{@code vault.session.relogins{reason=...}}, see {@link ReloginReason}</li>
 * </ul>
 */
public class VaultSessionMetrics implements MeterBinder {

	private final ResilientSessionManager session;

	public VaultSessionMetrics(ResilientSessionManager session) {
		this.session = session;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("vault.session.authenticated", this.session, (s) -> s.state().authenticated() ? 1 : 0)
			.description("Whether the application holds a Vault token (1) or not (0)")
			.register(registry);
		Gauge.builder("vault.session.token.ttl", this.session, VaultSessionMetrics::ttlSeconds)
			.description("TTL left of the Vault token")
			.baseUnit("seconds")
			.register(registry);
		counter(registry, "vault.session.logins", "outcome", "success", "Vault logins", SessionState::loginSuccesses);
		counter(registry, "vault.session.logins", "outcome", "failure", "Vault logins", SessionState::loginFailures);
		counter(registry, "vault.session.renewals", "outcome", "success", "Vault token renewals",
				SessionState::renewalSuccesses);
		counter(registry, "vault.session.renewals", "outcome", "failure", "Vault token renewals",
				SessionState::renewalFailures);
		for (ReloginReason reason : ReloginReason.values()) {
			counter(registry, "vault.session.relogins", "reason", reason.tagValue(),
					"Vault logins after the token was lost or about to be", (state) -> state.relogins(reason));
		}
	}

	private void counter(MeterRegistry registry, String name, String tag, String value, String description,
			ToDoubleFunction<SessionState> count) {
		FunctionCounter.builder(name, this.session, (s) -> count.applyAsDouble(s.state()))
			.tag(tag, value)
			.description(description)
			.register(registry);
	}

	private static double ttlSeconds(ResilientSessionManager session) {
		Duration left = session.state().ttlLeft(session.clock().instant());
		return (left != null) ? left.toMillis() / 1000.0 : 0;
	}

}
