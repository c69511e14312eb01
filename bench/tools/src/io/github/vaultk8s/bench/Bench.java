package io.github.vaultk8s.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What both programs share: command-line options, where things are, statistics, output. */
final class Bench {

	private final Map<String, String> options;

	final Path root;

	final Path logDir;

	private Bench(Map<String, String> options, Path root) {
		this.options = options;
		this.root = root;
		this.logDir = root.resolve("bench/target/logs");
	}

	/** {@code --key=value} and bare {@code --flag} options; the repository root comes from {@code --root}. */
	static Bench fromArgs(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unknown argument: " + arg);
			}
			int eq = arg.indexOf('=');
			options.put((eq < 0) ? arg.substring(2) : arg.substring(2, eq), (eq < 0) ? "true" : arg.substring(eq + 1));
		}
		Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
		return new Bench(options, root);
	}

	String option(String key, String fallback) {
		return this.options.getOrDefault(key, fallback);
	}

	int intOption(String key, int fallback) {
		return Integer.parseInt(option(key, Integer.toString(fallback)));
	}

	boolean flag(String key) {
		return Boolean.parseBoolean(option(key, "false"));
	}

	Duration duration(String key, String fallback) {
		return parseDuration(option(key, fallback));
	}

	Path devServerJar() {
		return this.root.resolve("vault-k8s-auth-test/target/vault-dev-server.jar");
	}

	Path appJar() {
		return this.root.resolve("testapp/target/testapp.jar");
	}

	/** JVM flags for the app: {@code --jvm-flags} (run.sh passes the Dockerfile's), split on spaces. */
	List<String> appJvmFlags() {
		String flags = option("jvm-flags", "").trim();
		return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
	}

	/** A port from {@code base} upwards that nothing listens on now. */
	static int freePort(int base) {
		for (int port = base; port < base + 200; port++) {
			try (ServerSocket probe = new ServerSocket()) {
				probe.setReuseAddress(true);
				probe.bind(new InetSocketAddress("127.0.0.1", port));
				return port;
			}
			catch (IOException ex) {
				// taken, try the next
			}
		}
		throw new IllegalStateException("no free port from " + base);
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static Duration parseDuration(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
		}
		long n = Long.parseLong(t.substring(0, t.length() - 1));
		return switch (t.charAt(t.length() - 1)) {
			case 's' -> Duration.ofSeconds(n);
			case 'm' -> Duration.ofMinutes(n);
			case 'h' -> Duration.ofHours(n);
			default -> throw new IllegalArgumentException("duration like 30s, 500ms, 2m: " + text);
		};
	}

	/** Median of the values that are numbers (NaN marks a run that measured nothing). */
	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values.stream().filter(v -> !v.isNaN()).toList());
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(sorted);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	/** Nearest-rank percentile of {@code sorted} (ascending), {@code p} in (0,100]. */
	static double percentile(double[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	static String fmt(double value, int decimals) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	static void log(String message) {
		System.err.printf(Locale.ROOT, "[bench %tT] %s%n", System.currentTimeMillis(), message);
	}

	/** Writes {@code bench/results/<date>-<kind>.md} and returns its path. */
	Path save(String kind, String markdown) throws IOException {
		Path dir = this.root.resolve("bench/results");
		Files.createDirectories(dir);
		Path file = dir.resolve(LocalDate.now(ZoneOffset.UTC) + "-" + kind + ".md");
		Files.writeString(file, markdown);
		return file;
	}

	/** The machine the numbers come from, so a reader can judge them. */
	static String machine() {
		String load = "n/a";
		try {
			load = Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			// not Linux
		}
		return "Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
				+ " CPUs, load average at the end " + load;
	}

}
