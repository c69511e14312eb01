import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator on java.net.http (HTTP/1.1, keep-alive): N workers each send one request
 * after another for a warm-up, then for the measured duration. Prints requests, req/s, latency
 * percentiles and the non-2xx count. A script, not a test: it asserts nothing.
 *
 * <pre>
 * java bench/LoadGenerator.java --url http://127.0.0.1:8200/v1/secret/data/testapp/bench \
 *     --header X-Vault-Token:root --concurrency 16 --duration 10s --warmup 3s [--markdown] [--label kv-read]
 * java bench/LoadGenerator.java --url ... --method PUT --body '{"data":{"k":"v"}}' --requests 1
 * </pre>
 */
public final class LoadGenerator {

	private static final String USAGE = """
			Usage: java bench/LoadGenerator.java --url URL [options]
			  --url URL            target (required)
			  --method METHOD      GET (default), PUT, POST, PATCH, DELETE, LIST, ...
			  --header NAME:VALUE  request header, repeatable
			  --body TEXT          request body; --body-file PATH reads it from a file
			  --concurrency N      parallel workers, each with its own keep-alive connection (default 16)
			  --duration D         measured time, e.g. 10s, 1m, 500ms (default 10s)
			  --warmup D           unmeasured time before it (default 3s)
			  --requests N         stop after N measured requests instead (no warm-up)
			  --label TEXT         name of the scenario in the output
			  --markdown           print a markdown table instead of plain lines
			""";

	public static void main(String[] args) throws Exception {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("Error: " + ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
			return;
		}
		Result result = run(options);
		System.out.print(options.markdown ? result.markdown(options) : result.text(options));
		if (result.requests == 0) {
			System.exit(1);
		}
	}

	static Result run(Options options) throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.executor(Executors.newFixedThreadPool(2, daemon()))
			.build();
		HttpRequest.Builder builder = HttpRequest.newBuilder(options.url).timeout(Duration.ofSeconds(30));
		options.headers.forEach(builder::header);
		HttpRequest request = builder
			.method(options.method, (options.body != null) ? HttpRequest.BodyPublishers.ofString(options.body)
					: HttpRequest.BodyPublishers.noBody())
			.build();

		long start = System.nanoTime();
		long measureFrom = (options.requests > 0) ? start : start + options.warmup.toNanos();
		long measureUntil = (options.requests > 0) ? Long.MAX_VALUE : measureFrom + options.duration.toNanos();
		AtomicLong budget = new AtomicLong((options.requests > 0) ? options.requests : Long.MAX_VALUE);
		ExecutorService workers = Executors.newFixedThreadPool(options.concurrency, daemon());
		List<Future<Worker>> futures = new ArrayList<>();
		for (int i = 0; i < options.concurrency; i++) {
			futures.add(workers.submit(() -> new Worker().run(client, request, measureFrom, measureUntil, budget)));
		}
		List<Worker> done = new ArrayList<>();
		for (Future<Worker> future : futures) {
			done.add(future.get());
		}
		long end = Math.min(System.nanoTime(), measureUntil);
		workers.shutdownNow();
		return Result.of(done, Math.max(1, end - measureFrom));
	}

	private static java.util.concurrent.ThreadFactory daemon() {
		return (runnable) -> {
			Thread thread = new Thread(runnable);
			thread.setDaemon(true);
			return thread;
		};
	}

	/** One closed-loop client: its latencies (nanoseconds) and outcome counts. */
	static final class Worker {

		long[] latencies = new long[1 << 14];

		int count;

		long non2xx;

		long errors;

		/** Every request sent, warm-up included. */
		long sent;

		Worker run(HttpClient client, HttpRequest request, long measureFrom, long measureUntil, AtomicLong budget) {
			while (true) {
				long sent = System.nanoTime();
				if (sent >= measureUntil) {
					return this;
				}
				boolean measured = sent >= measureFrom;
				if (measured && budget.getAndDecrement() <= 0) {
					return this;
				}
				int status;
				try {
					HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
					status = response.statusCode();
				}
				catch (IOException ex) {
					status = -1;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return this;
				}
				long received = System.nanoTime();
				this.sent++;
				if (!measured || received > measureUntil) {
					continue;
				}
				if (this.count == this.latencies.length) {
					this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
				}
				this.latencies[this.count++] = received - sent;
				if (status < 0) {
					this.errors++;
				}
				else if (status < 200 || status > 299) {
					this.non2xx++;
				}
			}
		}

	}

	record Result(long requests, double perSecond, double p50, double p90, double p99, double max, long non2xx,
			long errors, long sent) {

		static Result of(List<Worker> workers, long elapsedNanos) {
			int total = 0;
			long non2xx = 0;
			long errors = 0;
			long sent = 0;
			for (Worker worker : workers) {
				sent += worker.sent;
				total += worker.count;
				non2xx += worker.non2xx;
				errors += worker.errors;
			}
			long[] all = new long[total];
			int offset = 0;
			for (Worker worker : workers) {
				System.arraycopy(worker.latencies, 0, all, offset, worker.count);
				offset += worker.count;
			}
			Arrays.sort(all);
			return new Result(total, total / (elapsedNanos / 1e9), millis(all, 0.50), millis(all, 0.90),
					millis(all, 0.99), (total > 0) ? all[total - 1] / 1e6 : 0, non2xx, errors, sent);
		}

		private static double millis(long[] sorted, double quantile) {
			if (sorted.length == 0) {
				return 0;
			}
			int index = (int) Math.ceil(quantile * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
		}

		String text(Options options) {
			return String.format(Locale.ROOT, """
					scenario     %s
					target       %s %s
					concurrency  %d
					requests     %d
					req/s        %.0f
					p50 ms       %.2f
					p90 ms       %.2f
					p99 ms       %.2f
					max ms       %.2f
					non-2xx      %d
					io errors    %d
					sent         %d (warm-up included)
					""", options.label, options.method, options.url, options.concurrency, this.requests,
					this.perSecond, this.p50, this.p90, this.p99, this.max, this.non2xx, this.errors, this.sent);
		}

		String markdown(Options options) {
			return String.format(Locale.ROOT, """
					| scenario | concurrency | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | io errors | sent incl. warm-up |
					| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
					| %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d | %d |
					""", options.label, options.concurrency, this.requests, this.perSecond, this.p50, this.p90,
					this.p99, this.max, this.non2xx, this.errors, this.sent);
		}

	}

	static final class Options {

		URI url;

		String method = "GET";

		final Map<String, String> headers = new LinkedHashMap<>();

		String body;

		int concurrency = 16;

		Duration duration = Duration.ofSeconds(10);

		Duration warmup = Duration.ofSeconds(3);

		long requests;

		String label;

		boolean markdown;

		static Options parse(String[] args) throws IOException {
			Options options = new Options();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				String name = arg;
				String value = null;
				if (arg.startsWith("--") && arg.contains("=")) {
					name = arg.substring(0, arg.indexOf('='));
					value = arg.substring(arg.indexOf('=') + 1);
				}
				if (name.equals("--markdown")) {
					options.markdown = true;
					continue;
				}
				if (name.equals("--help")) {
					throw new IllegalArgumentException("help");
				}
				if (value == null) {
					if (i + 1 >= args.length) {
						throw new IllegalArgumentException(name + " needs a value");
					}
					value = args[++i];
				}
				switch (name) {
					case "--url" -> options.url = URI.create(value);
					case "--method" -> options.method = value.toUpperCase(Locale.ROOT);
					case "--header" -> {
						int colon = value.indexOf(':');
						if (colon <= 0) {
							throw new IllegalArgumentException("--header needs NAME:VALUE");
						}
						options.headers.put(value.substring(0, colon).trim(), value.substring(colon + 1).trim());
					}
					case "--body" -> options.body = value;
					case "--body-file" -> options.body = Files.readString(Path.of(value));
					case "--concurrency" -> options.concurrency = positive(name, Integer.parseInt(value));
					case "--duration" -> options.duration = duration(value);
					case "--warmup" -> options.warmup = duration(value);
					case "--requests" -> options.requests = positive(name, Integer.parseInt(value));
					case "--label" -> options.label = value;
					default -> throw new IllegalArgumentException("unknown option " + name);
				}
			}
			if (options.url == null) {
				throw new IllegalArgumentException("--url is required");
			}
			if (options.label == null) {
				options.label = options.method + " " + options.url.getPath();
			}
			return options;
		}

		private static int positive(String name, int value) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be positive");
			}
			return value;
		}

		/** 10s, 1m, 500ms, 2h, or ISO-8601 (PT10S). */
		static Duration duration(String text) {
			String s = text.trim().toLowerCase(Locale.ROOT);
			try {
				if (s.startsWith("pt")) {
					return Duration.parse(s.toUpperCase(Locale.ROOT));
				}
				if (s.endsWith("ms")) {
					return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
				}
				long amount = Long.parseLong(s.substring(0, s.length() - 1));
				return switch (s.charAt(s.length() - 1)) {
					case 's' -> Duration.ofSeconds(amount);
					case 'm' -> Duration.ofMinutes(amount);
					case 'h' -> Duration.ofHours(amount);
					default -> Duration.ofSeconds(Long.parseLong(s));
				};
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("invalid duration \"" + text + "\"");
			}
		}

	}

}
