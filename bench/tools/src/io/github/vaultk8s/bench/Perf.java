package io.github.vaultk8s.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmarks P1–P6 of the packaged app against the standalone dev server, the app with the starter side
 * by side with the same app on plain Spring Cloud Vault. Prints a markdown table and saves it under
 * {@code bench/results/}. Usage: {@code bench/run.sh [--runs=5] [--duration=5s] [--idle=60s]}.
 */
public final class Perf {

	private static final String SECRET = "bench";

	private static final String LOGIN = "POST /v1/auth/kubernetes/login";

	private final Bench bench;

	private final LoadDriver load;

	private final int runs;

	private final Duration duration;

	private final Duration warmup;

	private final Path dir;

	private Perf(Bench bench) {
		this.bench = bench;
		this.runs = bench.intOption("runs", 5);
		this.duration = bench.duration("duration", "5s");
		this.warmup = bench.duration("warmup", "2s");
		this.dir = bench.logDir.resolve("perf");
		this.load = new LoadDriver(bench.root.resolve("bench/target/loadgen"), this.dir);
	}

	public static void main(String[] args) throws Exception {
		Bench bench = Bench.fromArgs(args);
		Perf perf = new Perf(bench);
		Instant started = Instant.now();
		Files.createDirectories(perf.dir);
		Map<String, String> sections = new LinkedHashMap<>();
		List<String> wanted = List.of(bench.option("sections", "startup,load,idle").split(","));
		sections.put("startup", wanted.contains("startup") ? perf.startup() : "(not run)\n");
		sections.put("load", wanted.contains("load") ? perf.latencyThroughputMemory() : "(not run)\n");
		sections.put("idle", wanted.contains("idle") ? perf.idle() : "(not run)\n");
		String markdown = perf.markdown(started, sections);
		System.out.println(markdown);
		Bench.log("saved " + bench.save(bench.option("save-as", "perf"), markdown));
		System.exit(0);
	}

	/** P1 and P4: alternate starts of the two variants against one dev server, counting logins at the wire. */
	private String startup() throws Exception {
		VaultDevServer vault = new VaultDevServer(this.bench.devServerJar(), Bench.freePort(18500),
				this.dir.resolve("sa-token-startup"), List.of(), this.dir).start();
		vault.putSecret("testapp/" + SECRET, secretJson());
		Map<Variant, List<Double>> seconds = new EnumMap<>(Variant.class);
		Map<Variant, List<Double>> logins = new EnumMap<>(Variant.class);
		Map<Variant, List<Double>> cpuSeconds = new EnumMap<>(Variant.class);
		try (VaultTap tap = new VaultTap("127.0.0.1", Bench.freePort(18520),
				new InetSocketAddress("127.0.0.1", vault.port()))) {
			int appPort = Bench.freePort(18540);
			for (int run = 0; run < this.runs; run++) {
				List<Variant> order = (run % 2 == 0) ? List.of(Variant.STARTER, Variant.PLAIN)
						: List.of(Variant.PLAIN, Variant.STARTER);
				for (Variant variant : order) {
					AppProcess app = AppProcess.start(this.bench.appJar(), variant, appPort, tap.uri(), vault.tokenFile(),
							this.bench.appJvmFlags(), appArgs(variant), this.dir.resolve("startup-" + variant + "-" + run + ".log"));
					try {
						double ready = app.awaitReady(Duration.ofMinutes(3)).toNanos() / 1e9;
						// CPU time is far less sensitive than wall time to what else runs on a shared box
						double cpu = app.process().cpuMillis() / 1000.0;
						// the template path and the health path each once, then count logins since process start
						app.call("GET", "/secrets/" + SECRET, null);
						app.call("GET", "/actuator/health", null);
						Thread.sleep(1000);
						int n = tap.seen(LOGIN, app.process().startedNanos()).size();
						seconds.computeIfAbsent(variant, v -> new ArrayList<>()).add(ready);
						cpuSeconds.computeIfAbsent(variant, v -> new ArrayList<>()).add(cpu);
						logins.computeIfAbsent(variant, v -> new ArrayList<>()).add((double) n);
						Bench.log("start " + (run + 1) + "/" + this.runs + " " + variant.label() + ": ready in "
								+ Bench.fmt(ready, 2) + " s (" + Bench.fmt(cpu, 1) + " s CPU), " + n + " login(s)");
					}
					finally {
						app.stop();
					}
				}
			}
		}
		finally {
			vault.stop();
		}
		double starter = Bench.median(seconds.get(Variant.STARTER));
		double plain = Bench.median(seconds.get(Variant.PLAIN));
		StringBuilder md = new StringBuilder();
		md.append("| Metric | Starter | Plain SCV | Starter ÷ plain | Target |\n|---|---:|---:|---:|---|\n");
		md.append("| P1 Vault logins per start (config import + template + health), median [max] | ")
			.append(Bench.fmt(Bench.median(logins.get(Variant.STARTER)), 0)).append(" [")
			.append(Bench.fmt(max(logins.get(Variant.STARTER)), 0)).append("] | ")
			.append(Bench.fmt(Bench.median(logins.get(Variant.PLAIN)), 0)).append(" [")
			.append(Bench.fmt(max(logins.get(Variant.PLAIN)), 0)).append("] | | 1 |\n");
		md.append("| P4 process start → readiness UP, median of ").append(this.runs).append(" alternating | ")
			.append(Bench.fmt(starter, 2)).append(" s | ").append(Bench.fmt(plain, 2)).append(" s | ")
			.append(Bench.fmt(starter / plain, 2)).append("× | ≤ 1.10× |\n");
		double starterCpu = Bench.median(cpuSeconds.get(Variant.STARTER));
		double plainCpu = Bench.median(cpuSeconds.get(Variant.PLAIN));
		md.append("| P4 CPU time (user+sys) from start to readiness UP, median | ").append(Bench.fmt(starterCpu, 1))
			.append(" s | ").append(Bench.fmt(plainCpu, 1)).append(" s | ").append(Bench.fmt(starterCpu / plainCpu, 2))
			.append("× | |\n");
		md.append("\nStart → ready (s), in run order — starter: ").append(list(seconds.get(Variant.STARTER)))
			.append("; plain: ").append(list(seconds.get(Variant.PLAIN))).append(". CPU s — starter: ")
			.append(list(cpuSeconds.get(Variant.STARTER))).append("; plain: ").append(list(cpuSeconds.get(Variant.PLAIN)))
			.append(".\n");
		return md.toString();
	}

	/** P2, P3, P6: both apps up at once against one dev server; direct reads, then through each app. */
	private String latencyThroughputMemory() throws Exception {
		VaultDevServer vault = new VaultDevServer(this.bench.devServerJar(), Bench.freePort(18600),
				this.dir.resolve("sa-token-load"), List.of(), this.dir).start();
		vault.putSecret("testapp/" + SECRET, secretJson());
		Map<Variant, AppProcess> apps = new EnumMap<>(Variant.class);
		try {
			int port = 18640;
			for (Variant variant : Variant.values()) {
				apps.put(variant, AppProcess.start(this.bench.appJar(), variant, port = Bench.freePort(port + 1),
						vault.uri(), vault.tokenFile(), this.bench.appJvmFlags(), appArgs(variant),
						this.dir.resolve("load-" + variant + ".log")));
			}
			for (AppProcess app : apps.values()) {
				app.awaitReady(Duration.ofMinutes(3));
			}
			Map<String, String> targets = new LinkedHashMap<>();
			Map<String, Map<String, String>> headers = new LinkedHashMap<>();
			targets.put("direct", vault.uri() + "/v1/secret/data/testapp/" + SECRET);
			headers.put("direct", Map.of("X-Vault-Token", VaultDevServer.ROOT_TOKEN));
			for (Variant variant : Variant.values()) {
				targets.put(variant.name(), apps.get(variant).base() + "/secrets/" + SECRET);
				headers.put(variant.name(), Map.of());
			}
			// JIT warm-up: a cold Spring app is ten times slower than a warm one; a few seconds are not enough
			Duration appWarmup = this.bench.duration("app-warmup", "60s");
			for (String target : targets.keySet()) {
				LoadDriver.Result warm = this.load.run(targets.get(target), headers.get(target), 16, appWarmup,
						Duration.ZERO);
				Bench.log("warm-up " + target + ": " + warm);
				if (warm.requests() > 0 && warm.non2xx() == warm.requests()) {
					throw new IllegalStateException("no successful request to " + targets.get(target) + ": " + warm);
				}
			}
			Map<String, List<LoadDriver.Result>> serial = new TreeMap<>();
			Map<String, List<LoadDriver.Result>> parallel = new TreeMap<>();
			List<String> names = new ArrayList<>(targets.keySet());
			for (int run = 0; run < this.runs; run++) {
				List<String> order = new ArrayList<>(names);
				java.util.Collections.rotate(order, run); // no target always goes first
				for (String target : order) {
					LoadDriver.Result c1 = this.load.run(targets.get(target), headers.get(target), 1, this.duration,
							this.warmup);
					LoadDriver.Result c16 = this.load.run(targets.get(target), headers.get(target), 16, this.duration,
							this.warmup);
					serial.computeIfAbsent(target, t -> new ArrayList<>()).add(c1);
					parallel.computeIfAbsent(target, t -> new ArrayList<>()).add(c16);
					Bench.log("run " + (run + 1) + "/" + this.runs + " " + target + ": c1 " + c1 + " | c16 " + c16);
				}
			}
			StringBuilder md = new StringBuilder();
			md.append("| Metric | Direct to Vault | Starter | Plain SCV | Starter ÷ plain | Target |\n")
				.append("|---|---:|---:|---:|---:|---|\n");
			double d50 = median(serial.get("direct"), LoadDriver.Result::p50);
			double s50 = median(serial.get("STARTER"), LoadDriver.Result::p50);
			double p50 = median(serial.get("PLAIN"), LoadDriver.Result::p50);
			double d99 = median(serial.get("direct"), LoadDriver.Result::p99);
			double s99 = median(serial.get("STARTER"), LoadDriver.Result::p99);
			double p99 = median(serial.get("PLAIN"), LoadDriver.Result::p99);
			md.append("| P2 GET p50, concurrency 1 (ms) | ").append(Bench.fmt(d50, 2)).append(" | ")
				.append(Bench.fmt(s50, 2)).append(" | ").append(Bench.fmt(p50, 2)).append(" | ")
				.append(Bench.fmt(s50 / p50, 2)).append("× | |\n");
			md.append("| P2 added by the app at p50 (app − direct, ms) | | ").append(Bench.fmt(s50 - d50, 2))
				.append(" | ").append(Bench.fmt(p50 - d50, 2)).append(" | | ≤ 1 ms |\n");
			md.append("| P2 GET p99, concurrency 1 (ms) | ").append(Bench.fmt(d99, 2)).append(" | ")
				.append(Bench.fmt(s99, 2)).append(" | ").append(Bench.fmt(p99, 2)).append(" | ")
				.append(Bench.fmt(s99 / p99, 2)).append("× | |\n");
			md.append("| P2 added by the app at p99 (app − direct, ms) | | ").append(Bench.fmt(s99 - d99, 2))
				.append(" | ").append(Bench.fmt(p99 - d99, 2)).append(" | | |\n");
			double dr = median(parallel.get("direct"), LoadDriver.Result::perSecond);
			double sr = median(parallel.get("STARTER"), LoadDriver.Result::perSecond);
			double pr = median(parallel.get("PLAIN"), LoadDriver.Result::perSecond);
			md.append("| P3 throughput, concurrency 16 (req/s) | ").append(Bench.fmt(dr, 0)).append(" | ")
				.append(Bench.fmt(sr, 0)).append(" | ").append(Bench.fmt(pr, 0)).append(" | ")
				.append(Bench.fmt(sr / pr, 2)).append("× | |\n");
			md.append("| P3 app ÷ direct | | ").append(Bench.fmt(sr / dr, 2)).append(" | ").append(Bench.fmt(pr / dr, 2))
				.append(" | | ≥ 0.6 |\n");
			md.append("| P3 p99 at concurrency 16 (ms) | ")
				.append(Bench.fmt(median(parallel.get("direct"), LoadDriver.Result::p99), 1)).append(" | ")
				.append(Bench.fmt(median(parallel.get("STARTER"), LoadDriver.Result::p99), 1)).append(" | ")
				.append(Bench.fmt(median(parallel.get("PLAIN"), LoadDriver.Result::p99), 1)).append(" | | |\n");
			long failed = 0;
			for (List<LoadDriver.Result> results : List.of(serial, parallel).stream().flatMap(m -> m.values().stream()).toList()) {
				for (LoadDriver.Result r : results) {
					failed += r.non2xx();
				}
			}
			md.append("| Non-2xx answers in all load runs (all targets) | ").append(failed).append(" | | | | 0 |\n");
			long srss = apps.get(Variant.STARTER).process().rssKib();
			long prss = apps.get(Variant.PLAIN).process().rssKib();
			md.append("| P6 RSS after warm-up and load (MiB) | | ").append(srss / 1024).append(" | ").append(prss / 1024)
				.append(" | ").append(Bench.fmt((double) srss / prss, 2)).append("× | |\n");
			md.append("| P6 peak RSS (MiB) | | ").append(apps.get(Variant.STARTER).process().peakRssKib() / 1024)
				.append(" | ").append(apps.get(Variant.PLAIN).process().peakRssKib() / 1024).append(" | | |\n");
			md.append("\nMedians of ").append(this.runs).append(" runs of ").append(this.duration.toSeconds())
				.append(" s (after ").append(this.warmup.toSeconds()).append(" s warm-up each; targets rotated per run),")
				.append(" GET of one KV v2 secret; direct = the same read from the dev server with the root token.")
				.append(" Load: ").append(this.load.describe()).append(" on the same 2 cores.\n");
			return md.toString();
		}
		finally {
			for (AppProcess app : apps.values()) {
				app.stop();
			}
			vault.stop();
		}
	}

	/** P5: both apps idle against one dev server with a short token TTL; calls counted at the wire, CPU from /proc. */
	private String idle() throws Exception {
		String ttl = this.bench.option("idle-token-ttl", "30s");
		Duration window = this.bench.duration("idle", "60s");
		boolean probes = !this.bench.flag("no-probes");
		VaultDevServer vault = new VaultDevServer(this.bench.devServerJar(), Bench.freePort(18700),
				this.dir.resolve("sa-token-idle"), List.of("--token-ttl=" + ttl), this.dir).start();
		vault.putSecret("testapp/" + SECRET, secretJson());
		Map<Variant, AppProcess> apps = new EnumMap<>(Variant.class);
		Map<Variant, VaultTap> taps = new EnumMap<>(Variant.class);
		try {
			int port = 18720;
			for (Variant variant : Variant.values()) {
				VaultTap tap = new VaultTap("127.0.0.1", port = Bench.freePort(port + 1),
						new InetSocketAddress("127.0.0.1", vault.port()));
				taps.put(variant, tap);
				apps.put(variant, AppProcess.start(this.bench.appJar(), variant, port = Bench.freePort(port + 1),
						tap.uri(), vault.tokenFile(), this.bench.appJvmFlags(), appArgs(variant),
						this.dir.resolve("idle-" + variant + ".log")));
			}
			for (AppProcess app : apps.values()) {
				app.awaitReady(Duration.ofMinutes(3));
				for (int i = 0; i < 20; i++) {
					app.call("GET", "/secrets/" + SECRET, null);
				}
			}
			Thread.sleep(5000); // let start-up work (JIT, schedulers) settle
			Map<Variant, Long> cpuBefore = new EnumMap<>(Variant.class);
			apps.forEach((v, app) -> cpuBefore.put(v, app.process().cpuMillis()));
			long from = System.nanoTime();
			long end = from + window.toNanos();
			// a kubelet with k8s/04-testapp/deployment.yaml's probes: readiness every 5 s, liveness every 10 s
			for (int tick = 0; System.nanoTime() < end; tick++) {
				if (probes) {
					for (AppProcess app : apps.values()) {
						app.call("GET", "/actuator/health/readiness", null);
						if (tick % 2 == 0) {
							app.call("GET", "/actuator/health/liveness", null);
						}
					}
				}
				Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
			}
			double minutes = (System.nanoTime() - from) / 60e9;
			StringBuilder md = new StringBuilder();
			md.append("| P5 idle, per minute | Starter | Plain SCV | Starter ÷ plain |\n|---|---:|---:|---:|\n");
			Map<Variant, Map<String, Integer>> counts = new EnumMap<>(Variant.class);
			taps.forEach((v, tap) -> counts.put(v, tap.counts(from)));
			double sCalls = total(counts.get(Variant.STARTER)) / minutes;
			double pCalls = total(counts.get(Variant.PLAIN)) / minutes;
			md.append("| Vault calls, all | ").append(Bench.fmt(sCalls, 1)).append(" | ").append(Bench.fmt(pCalls, 1))
				.append(" | ").append(Bench.fmt(sCalls / pCalls, 2)).append("× |\n");
			java.util.Set<String> paths = new java.util.TreeSet<>();
			counts.values().forEach(c -> paths.addAll(c.keySet()));
			for (String path : paths) {
				md.append("| `").append(path).append("` | ")
					.append(Bench.fmt(counts.get(Variant.STARTER).getOrDefault(path, 0) / minutes, 1)).append(" | ")
					.append(Bench.fmt(counts.get(Variant.PLAIN).getOrDefault(path, 0) / minutes, 1)).append(" | |\n");
			}
			double sCpu = (apps.get(Variant.STARTER).process().cpuMillis() - cpuBefore.get(Variant.STARTER)) / minutes;
			double pCpu = (apps.get(Variant.PLAIN).process().cpuMillis() - cpuBefore.get(Variant.PLAIN)) / minutes;
			md.append("| CPU time of the app process (ms) | ").append(Bench.fmt(sCpu, 0)).append(" | ")
				.append(Bench.fmt(pCpu, 0)).append(" | ").append(Bench.fmt(sCpu / pCpu, 2)).append("× |\n");
			md.append("\nIdle window ").append(window.toSeconds()).append(" s, token TTL ").append(ttl)
				.append(probes ? ", readiness probed every 5 s and liveness every 10 s as the deployment's kubelet"
						+ " probes do (the readiness group's sys/health calls show in the rows)" : ", no probes")
				.append("; calls counted on the wire between each app and Vault.\n");
			return md.toString();
		}
		finally {
			for (AppProcess app : apps.values()) {
				app.stop();
			}
			for (VaultTap tap : taps.values()) {
				tap.close();
			}
			vault.stop();
		}
	}

	private String markdown(Instant started, Map<String, String> sections) {
		StringBuilder md = new StringBuilder();
		md.append("# Performance — ").append(started).append("\n\n");
		md.append("App JVM flags (from the Dockerfile): `").append(String.join(" ", this.bench.appJvmFlags()))
			.append("`\n\n");
		md.append("## Start-up (P1, P4)\n\n").append(sections.get("startup")).append('\n');
		md.append("## Latency, throughput, memory (P2, P3, P6)\n\n").append(sections.get("load")).append('\n');
		md.append("## Idle cost (P5)\n\n").append(sections.get("idle")).append('\n');
		md.append(Bench.machine()).append(". The box is shared with other builds: read the ratios, not the absolute")
			.append(" numbers.\n");
		return md.toString();
	}

	/** {@code --app-args} for both apps, {@code --starter-args} for the starter's only (to bisect a difference). */
	private List<String> appArgs(Variant variant) {
		List<String> args = new ArrayList<>();
		String both = this.bench.option("app-args", "").trim();
		String starter = this.bench.option("starter-args", "").trim();
		if (!both.isEmpty()) {
			args.addAll(List.of(both.split("\\s+")));
		}
		if (variant == Variant.STARTER && !starter.isEmpty()) {
			args.addAll(List.of(starter.split("\\s+")));
		}
		return args;
	}

	private static String secretJson() {
		return "{\"username\":\"bench\",\"password\":\"not-a-real-password\",\"url\":\"jdbc:postgresql://db:5432/app\","
				+ "\"pool\":\"16\",\"note\":\"a typical small secret\"}";
	}

	private static double median(List<LoadDriver.Result> results, java.util.function.ToDoubleFunction<LoadDriver.Result> f) {
		return Bench.median(results.stream().map(r -> f.applyAsDouble(r)).toList());
	}

	private static String list(List<Double> values) {
		return values.stream().map(v -> Bench.fmt(v, 1)).collect(java.util.stream.Collectors.joining(", "));
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	private static double total(Map<String, Integer> counts) {
		return counts.values().stream().mapToInt(Integer::intValue).sum();
	}

}
