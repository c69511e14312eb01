package io.github.vaultk8s.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The steady request loop the drills run against the app: a few workers, each writing its own secret
 * with an increasing counter and reading it back, pausing between requests. Every request's outcome and
 * latency is kept, and so is the last write each worker had acknowledged (to check none is lost).
 */
final class RequestLoop {

	/** One request: when it started and ended ({@link System#nanoTime()}), what it was, its status (-1: no answer). */
	record Outcome(long startNanos, long endNanos, String op, int status) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		long latencyMillis() {
			return (this.endNanos - this.startNanos) / 1_000_000;
		}

	}

	private final AppProcess app;

	private final String prefix;

	private final int workers;

	private final Duration pause;

	private final Http http = new Http(Duration.ofSeconds(120));

	private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

	private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	RequestLoop(AppProcess app, String prefix, int workers, Duration pause) {
		this.app = app;
		this.prefix = prefix;
		this.workers = workers;
		this.pause = pause;
	}

	RequestLoop start() {
		this.running = true;
		for (int w = 1; w <= this.workers; w++) {
			String name = this.prefix + "-w" + w;
			Thread thread = new Thread(() -> run(name), "loop-" + name);
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
		return this;
	}

	void stop() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(Duration.ofSeconds(150).toMillis());
		}
	}

	/** Secret names and the last counter value the app acknowledged writing to each. */
	Map<String, Long> acknowledged() {
		return Map.copyOf(this.acknowledged);
	}

	/** Outcomes of requests that started at or after {@code fromNanos}. */
	List<Outcome> since(long fromNanos) {
		List<Outcome> result = new ArrayList<>();
		for (Outcome o : this.outcomes) {
			if (o.startNanos() >= fromNanos) {
				result.add(o);
			}
		}
		return result;
	}

	private void run(String name) {
		long counter = 0;
		String base = this.app.base() + "/secrets/" + name;
		while (this.running) {
			counter++;
			long start = System.nanoTime();
			Http.Answer put = this.http.send("PUT", base, "{\"i\":" + counter + "}", Map.of());
			this.outcomes.add(new Outcome(start, System.nanoTime(), "PUT", put.status()));
			if (put.ok()) {
				this.acknowledged.put(name, counter);
			}
			pause();
			if (!this.running) {
				break;
			}
			start = System.nanoTime();
			Http.Answer get = this.http.get(base, Map.of());
			this.outcomes.add(new Outcome(start, System.nanoTime(), "GET", get.status()));
			pause();
		}
	}

	private void pause() {
		try {
			Thread.sleep(this.pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
