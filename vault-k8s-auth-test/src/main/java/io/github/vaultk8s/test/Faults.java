package io.github.vaultk8s.test;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.vaultk8s.test.sys.SealState;

/**
 * Faults to inject into an {@link EmbeddedVault}, checked before anything else on every Vault API request
 * ({@code /v1/...}; the stand-in's own TokenReview endpoint is not affected).
 */
public final class Faults {

	private final Supplier<SealState> seal;

	private volatile Duration latency = Duration.ZERO;

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private volatile int failureStatus;

	Faults(Supplier<SealState> seal) {
		this.seal = seal;
	}

	/** Seals Vault: every call but health, seal status and unseal answers 503 {@code Vault is sealed}. */
	public Faults seal() {
		this.seal.get().seal();
		return this;
	}

	public Faults unseal() {
		this.seal.get().unseal();
		return this;
	}

	/** Delays every Vault API request by {@code delay} (zero to stop). */
	public Faults latency(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		this.latency = delay;
		return this;
	}

	/**
	 * Answers the next {@code count} Vault API requests with {@code status} and
	 * {@code {"errors":["injected fault"]}}.
	 */
	public Faults failNext(int count, int status) {
		if (count < 0 || status < 100 || status > 599) {
			throw new IllegalArgumentException("count must be >= 0 and status an HTTP status");
		}
		synchronized (this) {
			this.failureStatus = status;
			this.failuresLeft.set(count);
		}
		return this;
	}

	/** Removes latency and pending failures, and unseals. */
	public Faults clear() {
		this.latency = Duration.ZERO;
		this.failuresLeft.set(0);
		this.seal.get().unseal();
		return this;
	}

	Duration currentLatency() {
		return this.latency;
	}

	int takeFailure() {
		while (true) {
			int left = this.failuresLeft.get();
			if (left <= 0) {
				return 0;
			}
			if (this.failuresLeft.compareAndSet(left, left - 1)) {
				return this.failureStatus;
			}
		}
	}

}
