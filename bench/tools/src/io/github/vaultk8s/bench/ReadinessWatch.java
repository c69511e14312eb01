package io.github.vaultk8s.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Polls the app's readiness like a kubelet would, only more often (every 250 ms), and keeps every answer. */
final class ReadinessWatch {

	record Probe(long nanos, boolean up) {
	}

	private final AppProcess app;

	private final Http http = new Http(Duration.ofSeconds(2));

	private final List<Probe> probes = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	private Thread thread;

	ReadinessWatch(AppProcess app) {
		this.app = app;
	}

	ReadinessWatch start() {
		this.running = true;
		this.thread = new Thread(this::run, "readiness-" + this.app.variant());
		this.thread.setDaemon(true);
		this.thread.start();
		return this;
	}

	void stop() throws InterruptedException {
		this.running = false;
		this.thread.join(5000);
	}

	/** Seconds from {@code fromNanos} to the first probe at or after it that saw {@code up}; NaN if none. */
	double secondsUntil(boolean up, long fromNanos) {
		for (Probe p : this.probes) {
			if (p.nanos() >= fromNanos && p.up() == up) {
				return (p.nanos() - fromNanos) / 1e9;
			}
		}
		return Double.NaN;
	}

	/** Whether any probe from {@code fromNanos} on saw readiness DOWN. */
	boolean wentDown(long fromNanos) {
		return !Double.isNaN(secondsUntil(false, fromNanos));
	}

	private void run() {
		String url = this.app.base() + "/actuator/health/readiness";
		while (this.running) {
			long sent = System.nanoTime();
			int status = this.http.get(url, Map.of()).status();
			this.probes.add(new Probe(sent, status == 200));
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

}
