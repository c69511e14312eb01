package io.github.vaultk8s.auth.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration of the Vault Kubernetes authentication starter. Connection, role, auth path and token file stay
 * Spring Cloud Vault's {@code spring.cloud.vault.*} properties; these add the session behaviour Spring Cloud Vault
 * lacks. Values are checked when bound: an invalid one stops the application with a message naming the property.
 */
@ConfigurationProperties("vault.k8s-auth")
public class VaultK8sAuthProperties {

	/**
	 * Whether the starter is active. When false the application runs on plain Spring Cloud Vault.
	 */
	private boolean enabled = true;

	/**
	 * Whether a Vault request answered 403 is retried once after a new login when lookup-self shows that the token
	 * is dead (revoked, Vault reset). A 403 for a live token (policy) is never retried.
	 */
	private boolean retryOnInvalidToken = true;

	private final Session session = new Session();

	private final Backoff backoff = new Backoff();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRetryOnInvalidToken() {
		return this.retryOnInvalidToken;
	}

	public void setRetryOnInvalidToken(boolean retryOnInvalidToken) {
		this.retryOnInvalidToken = retryOnInvalidToken;
	}

	public Session getSession() {
		return this.session;
	}

	public Backoff getBackoff() {
		return this.backoff;
	}

	/**
	 * Token lifecycle.
	 */
	public static class Session {

		/**
		 * Fraction of the time a token can be used (its TTL minus the expiry margin) after which it is renewed
		 * (or, when it cannot be renewed any more, replaced by a new login). Must be greater than 0 and less than
		 * 1.
		 */
		private double renewalFraction = 2.0 / 3;

		/**
		 * Up to this fraction of the renewal delay is taken off at random so that replicas do not renew in
		 * lock-step. Between 0 and 0.5.
		 */
		private double renewalJitter = 0.1;

		/**
		 * Longest time a request thread waits for a token while a login is in progress; after it the request fails
		 * with VaultSessionUnavailableException. Zero fails at once.
		 */
		private Duration maxTokenWait = Duration.ofSeconds(5);

		/**
		 * A token with less TTL left than this is not used any more (and the session reports DOWN).
		 */
		private Duration expiryMargin = Duration.ofSeconds(1);

		/**
		 * Whether the token is revoked (revoke-self) on graceful shutdown.
		 */
		private boolean revokeOnShutdown = true;

		/**
		 * With spring.cloud.vault.fail-fast=true: how long startup waits for the first successful login (retried
		 * with backoff) before it fails.
		 */
		private Duration startupTimeout = Duration.ofSeconds(30);

		public double getRenewalFraction() {
			return this.renewalFraction;
		}

		public void setRenewalFraction(double renewalFraction) {
			Assert.isTrue(renewalFraction > 0 && renewalFraction < 1,
					"vault.k8s-auth.session.renewal-fraction must be greater than 0 and less than 1");
			this.renewalFraction = renewalFraction;
		}

		public double getRenewalJitter() {
			return this.renewalJitter;
		}

		public void setRenewalJitter(double renewalJitter) {
			Assert.isTrue(renewalJitter >= 0 && renewalJitter <= 0.5,
					"vault.k8s-auth.session.renewal-jitter must be between 0 and 0.5");
			this.renewalJitter = renewalJitter;
		}

		public Duration getMaxTokenWait() {
			return this.maxTokenWait;
		}

		public void setMaxTokenWait(Duration maxTokenWait) {
			Assert.isTrue(maxTokenWait != null && !maxTokenWait.isNegative(),
					"vault.k8s-auth.session.max-token-wait must not be negative");
			this.maxTokenWait = maxTokenWait;
		}

		public Duration getExpiryMargin() {
			return this.expiryMargin;
		}

		public void setExpiryMargin(Duration expiryMargin) {
			Assert.isTrue(expiryMargin != null && !expiryMargin.isNegative(),
					"vault.k8s-auth.session.expiry-margin must not be negative");
			this.expiryMargin = expiryMargin;
		}

		public boolean isRevokeOnShutdown() {
			return this.revokeOnShutdown;
		}

		public void setRevokeOnShutdown(boolean revokeOnShutdown) {
			this.revokeOnShutdown = revokeOnShutdown;
		}

		public Duration getStartupTimeout() {
			return this.startupTimeout;
		}

		public void setStartupTimeout(Duration startupTimeout) {
			Assert.isTrue(startupTimeout != null && startupTimeout.toMillis() > 0,
					"vault.k8s-auth.session.startup-timeout must be positive");
			this.startupTimeout = startupTimeout;
		}

	}

	/**
	 * Retry backoff of logins and of failed renewals.
	 */
	public static class Backoff {

		/**
		 * Delay before the first retry.
		 */
		private Duration initial = Duration.ofSeconds(1);

		/**
		 * Largest delay between retries.
		 */
		private Duration max = Duration.ofMinutes(5);

		/**
		 * Factor by which the delay grows after each failure; at least 1.
		 */
		private double multiplier = 2;

		/**
		 * Up to this fraction of each delay is taken off at random. At least 0, less than 1.
		 */
		private double jitter = 0.2;

		public Duration getInitial() {
			return this.initial;
		}

		public void setInitial(Duration initial) {
			Assert.isTrue(initial != null && initial.toMillis() > 0, "vault.k8s-auth.backoff.initial must be positive");
			this.initial = initial;
		}

		public Duration getMax() {
			return this.max;
		}

		public void setMax(Duration max) {
			Assert.isTrue(max != null && max.toMillis() > 0, "vault.k8s-auth.backoff.max must be positive");
			this.max = max;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			Assert.isTrue(multiplier >= 1, "vault.k8s-auth.backoff.multiplier must be at least 1");
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			Assert.isTrue(jitter >= 0 && jitter < 1, "vault.k8s-auth.backoff.jitter must be at least 0 and less than 1");
			this.jitter = jitter;
		}

	}

}
