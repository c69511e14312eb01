package io.github.vaultk8s.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests an {@link EmbeddedVault} received: method and path (no query). Counts are exact; the ordered
 * list keeps the most recent {@value #RECENT_LIMIT} so a long benchmark does not fill the heap. Includes the
 * TokenReview calls the stand-in makes to itself during logins.
 */
public final class RequestLog {

	static final int RECENT_LIMIT = 10_000;

	/** One received request. */
	public record Entry(String method, String path) {
	}

	private final Map<Entry, LongAdder> counts = new ConcurrentHashMap<>();

	private final LongAdder total = new LongAdder();

	private final ConcurrentLinkedQueue<Entry> recent = new ConcurrentLinkedQueue<>();

	private final AtomicInteger recentSize = new AtomicInteger();

	RequestLog() {
	}

	/** How often {@code method path} was received, e.g. {@code count("POST", "/v1/auth/kubernetes/login")}. */
	public int count(String method, String path) {
		LongAdder adder = this.counts.get(new Entry(method.toUpperCase(java.util.Locale.ROOT), path));
		return (adder != null) ? adder.intValue() : 0;
	}

	/** How often {@code path} was received with any method. */
	public int count(String path) {
		int count = 0;
		for (Map.Entry<Entry, LongAdder> entry : this.counts.entrySet()) {
			if (entry.getKey().path().equals(path)) {
				count += entry.getValue().intValue();
			}
		}
		return count;
	}

	public int total() {
		return this.total.intValue();
	}

	/** The paths received, oldest first, one per request (the most recent {@value #RECENT_LIMIT}). */
	public List<String> paths() {
		List<String> paths = new ArrayList<>();
		for (Entry entry : this.recent) {
			paths.add(entry.path());
		}
		return paths;
	}

	/** The requests received, oldest first (the most recent {@value #RECENT_LIMIT}). */
	public List<Entry> entries() {
		return List.copyOf(this.recent);
	}

	public void reset() {
		this.counts.clear();
		this.total.reset();
		this.recent.clear();
		this.recentSize.set(0);
	}

	void record(String method, String path) {
		Entry entry = new Entry(method, path);
		this.counts.computeIfAbsent(entry, (key) -> new LongAdder()).increment();
		this.total.increment();
		this.recent.add(entry);
		if (this.recentSize.incrementAndGet() > RECENT_LIMIT && this.recent.poll() != null) {
			this.recentSize.decrementAndGet();
		}
	}

}
