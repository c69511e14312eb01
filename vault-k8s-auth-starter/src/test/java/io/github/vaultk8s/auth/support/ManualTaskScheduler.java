package io.github.vaultk8s.auth.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A {@link TaskScheduler} whose time only moves when the test says so. Tasks run on the test's thread in
 * {@link #advance(Duration)}, in time order, including tasks they schedule themselves.
 */
public final class ManualTaskScheduler implements TaskScheduler {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<Task> tasks = new ArrayList<>();

	@Override
	public Clock getClock() {
		return this.clock;
	}

	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * Run what is due now.
	 */
	public void runDue() {
		advance(Duration.ZERO);
	}

	/**
	 * Move time forward, running every task that falls due, at its time.
	 * @param duration how far
	 */
	public synchronized void advance(Duration duration) {
		Instant target = this.clock.instant().plus(duration);
		while (true) {
			Task next = this.tasks.stream()
				.filter((task) -> !task.cancelled && !task.at.isAfter(target))
				.min(Comparator.comparing((Task task) -> task.at).thenComparing((task) -> task.sequence))
				.orElse(null);
			if (next == null) {
				break;
			}
			this.tasks.remove(next);
			if (next.at.isAfter(this.clock.instant())) {
				this.clock.set(next.at);
			}
			next.runnable.run();
		}
		this.clock.set(target);
	}

	/**
	 * When the next pending task is due.
	 * @return the time, or {@code null} when nothing is pending
	 */
	public synchronized Instant nextDue() {
		return this.tasks.stream().filter((task) -> !task.cancelled).map((task) -> task.at).min(Comparator.naturalOrder())
			.orElse(null);
	}

	@Override
	public synchronized ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		Task scheduled = new Task(task, startTime, this.tasks.size() + System.nanoTime());
		this.tasks.add(scheduled);
		return scheduled;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		throw new UnsupportedOperationException();
	}

	private static final class Task implements ScheduledFuture<Object> {

		private final Runnable runnable;

		private final Instant at;

		private final long sequence;

		private volatile boolean cancelled;

		Task(Runnable runnable, Instant at, long sequence) {
			this.runnable = runnable;
			this.at = at;
			this.sequence = sequence;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return 0;
		}

		@Override
		public int compareTo(Delayed other) {
			return 0;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.cancelled = true;
			return true;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.cancelled;
		}

		@Override
		public Object get() {
			return null;
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			return null;
		}

	}

	/**
	 * A clock set by the scheduler.
	 */
	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
