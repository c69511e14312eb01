package io.github.vaultk8s.testapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.vaultk8s.testapp.TestappClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optimistic concurrency through the API: writers read the counter, increment it and write it back with
 * {@code If-Match}, retrying on 412. No update may be lost.
 */
class ConcurrentWritersIntegrationTests extends EmbeddedVaultApplicationTests {

	private static final int WRITERS = 16;

	private static final int CYCLES = 100;

	@Test
	void sixteenWritersIncrementingWithIfMatchLoseNoUpdate() throws Exception {
		String path = "/secrets/" + unique("counter");
		assertThat(this.api.put(path, "{\"n\":0}").status()).isEqualTo(201);
		AtomicInteger conflicts = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
		long started = System.nanoTime();
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				writers.add(pool.submit(() -> {
					start.await();
					TestappClient client = new TestappClient(this.port);
					for (int cycle = 0; cycle < CYCLES; cycle++) {
						while (true) {
							Response read = client.get(path);
							assertThat(read.status()).as(read.toString()).isEqualTo(200);
							int next = read.json().at("/data/n").asInt() + 1;
							Response write = client.put(path, "{\"n\":" + next + "}", "If-Match", read.header("ETag"));
							if (write.status() == 200) {
								break;
							}
							assertThat(write.status()).as(write.toString()).isEqualTo(412);
							conflicts.incrementAndGet();
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> writer : writers) {
				writer.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		Response result = this.api.get(path);
		System.out.printf("%d writers x %d cycles: %d ms, %d conflicts (412) retried%n", WRITERS, CYCLES, millis,
				conflicts.get());
		assertThat(result.json().at("/data/n").asInt()).isEqualTo(WRITERS * CYCLES);
		assertThat(result.header("ETag")).isEqualTo("\"" + (WRITERS * CYCLES + 1) + "\"");
	}

}
