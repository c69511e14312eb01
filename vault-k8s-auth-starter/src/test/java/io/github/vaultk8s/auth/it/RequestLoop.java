package io.github.vaultk8s.auth.it;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.vault.core.VaultOperations;

/**
 * Reads a secret over and over on a thread of its own, counting what succeeds and what fails, like an
 * application under steady load.
 */
final class RequestLoop implements AutoCloseable {

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicLong succeeded = new AtomicLong();

	private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

	private final Thread thread;

	RequestLoop(VaultOperations vault, String path) {
		this.thread = new Thread(() -> {
			while (this.running.get()) {
				try {
					vault.read(path);
					this.succeeded.incrementAndGet();
				}
				catch (RuntimeException ex) {
					this.failures.add(ex);
				}
			}
		}, "request-loop");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	long succeeded() {
		return this.succeeded.get();
	}

	Queue<Throwable> failures() {
		return this.failures;
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.thread.join(10_000);
	}

}
