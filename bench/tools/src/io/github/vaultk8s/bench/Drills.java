package io.github.vaultk8s.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fault drills R1–R5 against the packaged app under a steady request loop, each run at the same time for
 * the app with the starter and the same app on plain Spring Cloud Vault (each with its own Vault), so the
 * rows side by side show what the starter buys. Usage: {@code bench/drills.sh [--quick] [--only=R1,R3]}.
 */
public final class Drills {

	enum Drill {

		R1("Vault down (connection refused), then back"),

		R1B("Vault hung (accepts, never answers), then back"),

		R2("Vault restarted empty (every token dead)"),

		R3("app's token revoked from outside"),

		R4("token crosses its max TTL"),

		R5("SA token file rotated");

		final String fault;

		Drill(String fault) {
			this.fault = fault;
		}

		String label() {
			return (this == R1B) ? "R1b" : name();
		}

	}

	/** One drill's result for one variant. */
	record Row(Drill drill, Variant variant, int requests, int failures, long maxLatencyMillis, double downAfter,
			double upAfter, String recovery, int logins, String check) {
	}

	private final Bench bench;

	private final boolean quick;

	private final Duration steady;

	private final Duration outage;

	private final Duration observe;

	private Drills(Bench bench) {
		this.bench = bench;
		this.quick = bench.flag("quick");
		this.steady = bench.duration("steady", this.quick ? "3s" : "5s");
		this.outage = bench.duration("outage", this.quick ? "8s" : "30s");
		this.observe = bench.duration("observe", this.quick ? "12s" : "25s");
	}

	public static void main(String[] args) throws Exception {
		Bench bench = Bench.fromArgs(args);
		Drills drills = new Drills(bench);
		List<Drill> selected = new ArrayList<>();
		for (String name : bench.option("only", "R1,R1B,R2,R3,R4,R5").split(",")) {
			selected.add(Drill.valueOf(name.trim().toUpperCase(Locale.ROOT)));
		}
		Instant started = Instant.now();
		// One app per variant runs the drills that need no special Vault settings one after the other (each
		// must have recovered before the next starts); R4 needs short token TTLs, so it gets its own.
		List<List<Drill>> groups = new ArrayList<>();
		List<Drill> shared = new ArrayList<>(selected);
		shared.remove(Drill.R4);
		shared.sort(java.util.Comparator.comparing(d -> d == Drill.R2)); // R2 empties Vault: last
		if (!shared.isEmpty()) {
			groups.add(shared);
		}
		if (selected.contains(Drill.R4)) {
			groups.add(List.of(Drill.R4));
		}
		Map<Drill, Map<Variant, Row>> results = new EnumMap<>(Drill.class);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (List<Drill> group : groups) {
				Map<Variant, Future<List<Row>>> running = new EnumMap<>(Variant.class);
				for (Variant variant : Variant.values()) {
					running.put(variant, pool.submit(() -> drills.run(group, variant)));
				}
				for (Variant variant : Variant.values()) {
					for (Row row : running.get(variant).get()) {
						results.computeIfAbsent(row.drill(), d -> new EnumMap<>(Variant.class)).put(variant, row);
					}
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		List<Row> rows = new ArrayList<>();
		results.values().forEach(byVariant -> rows.addAll(byVariant.values()));
		String markdown = drills.markdown(rows, started);
		System.out.println(markdown);
		Bench.log("saved " + bench.save("drills", markdown));
		System.exit(0);
	}

	private List<Row> run(List<Drill> group, Variant variant) throws Exception {
		int base = (variant == Variant.STARTER) ? 18300 : 18400;
		boolean shortTtl = group.contains(Drill.R4);
		String tag = variant.name().toLowerCase(Locale.ROOT) + (shortTtl ? "-r4" : "");
		Path dir = this.bench.logDir.resolve("drills").resolve(tag);
		Files.createDirectories(dir);
		Path tokenFile = dir.resolve("sa-token");
		List<String> vaultArgs = shortTtl ? List.of("--token-ttl=" + this.bench.option("r4-ttl", "10s"),
				"--token-max-ttl=" + this.bench.option("r4-max-ttl", "24s")) : List.of();
		VaultDevServer vault = new VaultDevServer(this.bench.devServerJar(), Bench.freePort(base + (shortTtl ? 10 : 0)),
				tokenFile, vaultArgs, dir);
		vault.start();
		VaultTap tap = new VaultTap("127.0.0.1", Bench.freePort(base + (shortTtl ? 30 : 20)),
				new InetSocketAddress("127.0.0.1", vault.port()));
		AppProcess app = null;
		List<Row> rows = new ArrayList<>();
		try {
			int appPort = Bench.freePort(base + (shortTtl ? 50 : 40));
			app = startApp(variant, appPort, tap, tokenFile, dir, 1);
			int starts = 1;
			for (Drill drill : group) {
				String note = "";
				if (!rows.isEmpty() && !recovered(app)) {
					// the previous drill left this app broken (that row says so): a fresh app for the next one
					Bench.log(variant.label() + " not recovered after " + rows.get(rows.size() - 1).drill().label()
							+ ": restarting it");
					app.stop();
					app = startApp(variant, appPort, tap, tokenFile, dir, ++starts);
					note = "fresh app (not recovered from the previous drill); ";
				}
				Bench.log(drill.label() + " " + variant.label() + ": start");
				Row row = drill(drill, variant, vault, tap, app, dir);
				row = new Row(row.drill(), row.variant(), row.requests(), row.failures(), row.maxLatencyMillis(),
						row.downAfter(), row.upAfter(), row.recovery(), row.logins(), note + row.check());
				rows.add(row);
				Bench.log(drill.label() + " " + variant.label() + ": " + row);
			}
			return rows;
		}
		finally {
			if (app != null) {
				app.stop();
			}
			tap.close();
			vault.stop();
		}
	}

	private AppProcess startApp(Variant variant, int port, VaultTap tap, Path tokenFile, Path dir, int start)
			throws Exception {
		AppProcess app = AppProcess.start(this.bench.appJar(), variant, port, tap.uri(), tokenFile,
				this.bench.appJvmFlags(), appArgs(), dir.resolve("app-" + start + ".log"));
		app.awaitReady(Duration.ofMinutes(3));
		return app;
	}

	// Before the next drill: readiness UP and a write that succeeds, within 20 s.
	private boolean recovered(AppProcess app) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			if (app.ready() && app.call("PUT", "/secrets/drill-probe", "{\"ok\":true}").ok()) {
				return true;
			}
			Thread.sleep(500);
		}
		return false;
	}

	private Row drill(Drill drill, Variant variant, VaultDevServer vault, VaultTap tap, AppProcess app, Path dir)
			throws Exception {
		String prefix = "drill-" + variant.name().toLowerCase(Locale.ROOT) + "-" + drill.label().toLowerCase(Locale.ROOT);
		ReadinessWatch readiness = new ReadinessWatch(app).start();
		RequestLoop loop = new RequestLoop(app, prefix, this.bench.intOption("workers", 4),
				Duration.ofMillis(this.bench.intOption("pause-ms", 50)))
			.start();
		long loopStart = System.nanoTime();
		Thread.sleep(this.steady.toMillis());
		long faultStart = System.nanoTime();
		long faultEnd = inject(drill, vault, tap, dir);
		Thread.sleep(this.observe.toMillis());
		loop.stop();
		readiness.stop();
		return row(drill, variant, vault, tap, loop, readiness, (drill == Drill.R4) ? loopStart : faultStart, faultEnd);
	}

	/** Injects the fault; returns when it ended ({@link System#nanoTime()}). */
	private long inject(Drill drill, VaultDevServer vault, VaultTap tap, Path dir) throws Exception {
		switch (drill) {
			case R1 -> {
				tap.mode(VaultTap.Mode.REFUSE);
				Thread.sleep(this.outage.toMillis());
				tap.mode(VaultTap.Mode.PASS);
			}
			case R1B -> {
				tap.mode(VaultTap.Mode.BLACKHOLE);
				Thread.sleep(this.outage.toMillis());
				tap.mode(VaultTap.Mode.PASS);
			}
			case R2 -> vault.restartEmpty();
			case R3 -> {
				int revoked = vault.revokeNonRootTokens();
				Bench.log("R3 revoked " + revoked + " token(s) on " + vault.uri());
			}
			case R4 -> {
				// the fault is the clock: wait out one max TTL so the observation spans a crossing
				Thread.sleep(Bench.parseDuration(this.bench.option("r4-max-ttl", "24s")).toMillis());
			}
			case R5 -> SaTokenRotation.rotate(vault, dir);
		}
		return System.nanoTime();
	}

	private Row row(Drill drill, Variant variant, VaultDevServer vault, VaultTap tap, RequestLoop loop,
			ReadinessWatch readiness, long faultStart, long faultEnd) {
		long windowStart = faultStart;
		List<RequestLoop.Outcome> outcomes = loop.since(windowStart);
		int failures = 0;
		long maxLatency = 0;
		long lastFailureEnd = -1;
		for (RequestLoop.Outcome o : outcomes) {
			maxLatency = Math.max(maxLatency, o.latencyMillis());
			if (!o.ok()) {
				failures++;
				lastFailureEnd = Math.max(lastFailureEnd, o.endNanos());
			}
		}
		String recovery;
		if (failures == 0) {
			recovery = "no failures";
		}
		else if (!outcomes.isEmpty() && !outcomes.get(outcomes.size() - 1).ok()) {
			recovery = "not within " + this.observe.toSeconds() + " s";
		}
		else {
			recovery = Bench.fmt(Math.max(0, lastFailureEnd - faultEnd) / 1e9, 1) + " s";
		}
		double downAfter = readiness.secondsUntil(false, faultStart);
		double upAfter = readiness.secondsUntil(true, faultEnd);
		int logins = tap.seen("POST /v1/auth/kubernetes/login", windowStart).size();
		return new Row(drill, variant, outcomes.size(), failures, maxLatency, downAfter, upAfter, recovery, logins,
				lostWrites(drill, vault, loop));
	}

	// An acknowledged write is lost when Vault holds an older counter than the app confirmed.
	private String lostWrites(Drill drill, VaultDevServer vault, RequestLoop loop) {
		if (drill == Drill.R2) {
			return "n/a (Vault emptied)";
		}
		int lost = 0;
		Map<String, Long> acknowledged = loop.acknowledged();
		for (Map.Entry<String, Long> entry : acknowledged.entrySet()) {
			Map<String, Object> data = vault.readSecret("testapp/" + entry.getKey());
			Object stored = (data != null) ? data.get("i") : null;
			if (!(stored instanceof Number n) || n.longValue() < entry.getValue()) {
				lost++;
			}
		}
		return lost + " of " + acknowledged.size() + " acked writes lost";
	}

	private List<String> appArgs() {
		String extra = this.bench.option("app-args", "").trim();
		return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
	}

	private String markdown(List<Row> rows, Instant started) {
		StringBuilder md = new StringBuilder();
		md.append("# Fault drills — ").append(started).append(this.quick ? " (quick mode)" : "").append("\n\n");
		md.append("Steady loop: ").append(this.bench.intOption("workers", 4)).append(" workers, PUT then GET of their own")
			.append(" secret, ").append(this.bench.intOption("pause-ms", 50)).append(" ms pause; outage ")
			.append(this.outage.toSeconds()).append(" s, observed ").append(this.observe.toSeconds())
			.append(" s after the fault. Both variants run at the same time, each with its own dev server.\n\n");
		md.append("| Drill | Fault | Variant | Requests | Failed | Max latency | Readiness DOWN after fault start")
			.append(" | Readiness UP after fault end | Last failure after fault end | Login attempts | Writes |\n");
		md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (Row r : rows) {
			md.append("| ").append(r.drill().label()).append(" | ").append(r.drill().fault).append(" | ")
				.append(r.variant().label()).append(" | ").append(r.requests()).append(" | ").append(r.failures())
				.append(" | ").append(r.maxLatencyMillis()).append(" ms | ")
				.append(Double.isNaN(r.downAfter()) ? "stayed UP" : seconds(r.downAfter())).append(" | ")
				.append(Double.isNaN(r.downAfter()) ? "–" : seconds(r.upAfter())).append(" | ").append(r.recovery()).append(" | ")
				.append(r.logins()).append(" | ").append(r.check()).append(" |\n");
		}
		md.append("\n").append(Bench.machine()).append(". The box is shared with other builds: compare the rows")
			.append(" side by side, not the absolute times.\n");
		return md.toString();
	}

	private static String seconds(double s) {
		return Double.isNaN(s) ? "never" : Bench.fmt(s, 1) + " s";
	}

}
