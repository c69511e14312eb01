package io.github.vaultk8s.test.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test support: a UTC clock that only moves when a test moves it, so TTLs expire and timers fire without
 * waiting. Hand it to {@link io.github.vaultk8s.test.EmbeddedVault.Builder#clock(Clock)} or to anything else
 * that takes a {@link Clock}. Safe to read from other threads while a test moves it.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	public MutableClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	/** A clock that starts at the system's current instant and then stands still. */
	public static MutableClock startingNow() {
		return new MutableClock(Instant.now());
	}

	/** Moves the clock forward (or, with a negative duration, back). */
	public void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	/** Puts the clock at the given instant. */
	public void set(Instant instant) {
		this.now.set(instant);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
