package io.github.vaultk8s.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives closed-loop GET load at a URL and returns latency percentiles and throughput. Uses the stand-in
 * helper's {@code bench/LoadGenerator.java} (a separate JVM, precompiled by the scripts) when present,
 * else a generator of its own in this JVM with the same closed-loop model.
 */
final class LoadDriver {

	/** One load run. Latencies in milliseconds. */
	record Result(long requests, double perSecond, double p50, double p90, double p99, double max, long non2xx) {
	}

	private final Path externalClasses;

	private final Path logDir;

	LoadDriver(Path externalClasses, Path logDir) {
		this.externalClasses = externalClasses;
		this.logDir = logDir;
	}

	boolean external() {
		return this.externalClasses != null && Files.exists(this.externalClasses.resolve("LoadGenerator.class"));
	}

	String describe() {
		return external() ? "bench/LoadGenerator.java (separate JVM)" : "the bench's own closed-loop generator";
	}

	Result run(String url, Map<String, String> headers, int concurrency, Duration duration, Duration warmup)
			throws IOException, InterruptedException {
		return external() ? runExternal(url, headers, concurrency, duration, warmup)
				: runInternal(url, headers, concurrency, duration, warmup);
	}

	private Result runExternal(String url, Map<String, String> headers, int concurrency, Duration duration,
			Duration warmup) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Bench.java(), "-cp", this.externalClasses.toString(),
				"LoadGenerator", "--url", url, "--concurrency", Integer.toString(concurrency), "--duration",
				duration.toSeconds() + "s", "--warmup", warmup.toSeconds() + "s"));
		headers.forEach((k, v) -> {
			command.add("--header");
			command.add(k + ":" + v);
		});
		Files.createDirectories(this.logDir);
		Path out = Files.createTempFile(this.logDir, "load-", ".txt");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
		if (!process.waitFor(duration.plus(warmup).toSeconds() + 60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("LoadGenerator did not finish, see " + out);
		}
		String text = Files.readString(out, StandardCharsets.UTF_8);
		Result result;
		try {
			result = parse(text);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("LoadGenerator failed (" + process.exitValue() + "): " + text, ex);
		}
		if (Double.isNaN(result.perSecond()) || (process.exitValue() != 0 && result.requests() != 0)) {
			throw new IllegalStateException("LoadGenerator failed (" + process.exitValue() + "): " + text);
		}
		return result;
	}

	/** Reads the generator's summary: requests, req/s, p50/p90/p99/max (ms unless a unit says otherwise), non-2xx. */
	static Result parse(String text) {
		double errors = number(text, "io errors");
		long failed = (long) number(text, "non-2xx") + (Double.isNaN(errors) ? 0 : (long) errors);
		long requests = (long) number(text, "requests");
		if (requests == 0) {
			// nothing was measured (a stall longer than the run): no latency to report, not a zero one
			return new Result(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, failed);
		}
		return new Result(requests, number(text, "req/s"), millis(text, "p50"), millis(text, "p90"),
				millis(text, "p99"), millis(text, "max"), failed);
	}

	private static double number(String text, String label) {
		Matcher before = Pattern.compile("([0-9][0-9.,]*)\\s*" + Pattern.quote(label), Pattern.CASE_INSENSITIVE)
			.matcher(text);
		Matcher after = Pattern.compile(Pattern.quote(label) + "[\"\\s:=|]*([0-9][0-9.,]*)", Pattern.CASE_INSENSITIVE)
			.matcher(text);
		if (after.find()) {
			return Double.parseDouble(after.group(1).replace(",", ""));
		}
		if (before.find()) {
			return Double.parseDouble(before.group(1).replace(",", ""));
		}
		return Double.NaN;
	}

	private static double millis(String text, String label) {
		// "p50: 1.2 ms", "p50=1200us" or LoadGenerator's "p50 ms       1.20"
		Matcher m = Pattern
			.compile(Pattern.quote(label) + "\\s*(ms|us|µs|ns|s)?[\"\\s:=|]*([0-9][0-9.,]*)\\s*(ms|us|µs|ns|s)?",
					Pattern.CASE_INSENSITIVE)
			.matcher(text);
		if (!m.find()) {
			return Double.NaN;
		}
		double value = Double.parseDouble(m.group(2).replace(",", ""));
		String given = (m.group(1) != null) ? m.group(1) : m.group(3);
		String unit = (given != null) ? given.toLowerCase(Locale.ROOT) : "ms";
		return switch (unit) {
			case "us", "µs" -> value / 1000;
			case "ns" -> value / 1_000_000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

	private Result runInternal(String url, Map<String, String> headers, int concurrency, Duration duration,
			Duration warmup) throws InterruptedException {
		Http http = new Http(Duration.ofSeconds(30));
		long measureFrom = System.nanoTime() + warmup.toNanos();
		long end = measureFrom + duration.toNanos();
		List<long[]> perThread = new ArrayList<>();
		long[] non2xx = new long[concurrency];
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < concurrency; t++) {
			int index = t;
			long[][] holder = { new long[1 << 16] };
			int[] count = { 0 };
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < end) {
					long start = System.nanoTime();
					Http.Answer answer = http.get(url, headers);
					long done = System.nanoTime();
					if (start < measureFrom) {
						continue;
					}
					if (!answer.ok()) {
						non2xx[index]++;
					}
					if (count[0] == holder[0].length) {
						holder[0] = java.util.Arrays.copyOf(holder[0], count[0] * 2);
					}
					holder[0][count[0]++] = done - start;
				}
				synchronized (perThread) {
					perThread.add(java.util.Arrays.copyOf(holder[0], count[0]));
				}
			}, "load-" + t);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		int total = perThread.stream().mapToInt(a -> a.length).sum();
		double[] millis = new double[total];
		int i = 0;
		for (long[] latencies : perThread) {
			for (long nanos : latencies) {
				millis[i++] = nanos / 1e6;
			}
		}
		java.util.Arrays.sort(millis);
		long failed = java.util.Arrays.stream(non2xx).sum();
		return new Result(total, total / (duration.toNanos() / 1e9), Bench.percentile(millis, 50),
				Bench.percentile(millis, 90), Bench.percentile(millis, 99), (total > 0) ? millis[total - 1] : Double.NaN,
				failed);
	}

}
