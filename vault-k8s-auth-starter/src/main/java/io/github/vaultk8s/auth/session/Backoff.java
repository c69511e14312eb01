package io.github.vaultk8s.auth.session;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import org.springframework.util.Assert;

/**
 * Exponential backoff with jitter: attempt {@code n} (1-based) waits {@code min(max, initial × multiplier^(n-1))}
 * minus up to {@code jitter} of it at random, so that many pods restarted together do not log in in lock-step.
 *
 * @param initial the first delay
 * @param max the largest delay
 * @param multiplier growth per attempt, at least 1
 * @param jitter the fraction taken off at random, in [0, 1)
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

	public Backoff {
		Assert.isTrue(initial != null && initial.toMillis() > 0, "Initial backoff must be positive");
		Assert.isTrue(max != null && max.compareTo(initial) >= 0, "Max backoff must not be less than the initial one");
		Assert.isTrue(multiplier >= 1, "Backoff multiplier must be at least 1");
		Assert.isTrue(jitter >= 0 && jitter < 1, "Backoff jitter must be in [0, 1)");
	}

	/**
	 * 1 s, doubling, up to 5 min, 20 % jitter: the figures of Vault Agent's auto-auth.
	 * @return the defaults
	 */
	public static Backoff defaults() {
		return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2, 0.2);
	}

	/**
	 * The delay before attempt {@code attempt}.
	 * @param attempt the attempt number, 1 for the first retry
	 * @param random a source of numbers in [0, 1)
	 * @return the delay
	 */
	public Duration delay(int attempt, DoubleSupplier random) {
		double exponential = this.initial.toMillis() * Math.pow(this.multiplier, Math.max(0, attempt - 1));
		double capped = Math.min(this.max.toMillis(), exponential);
		return Duration.ofMillis(Math.max(1, Math.round(capped * (1 - this.jitter * random.getAsDouble()))));
	}

}
