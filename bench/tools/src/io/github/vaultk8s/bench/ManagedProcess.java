package io.github.vaultk8s.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process (dev server, app) with its output in a log file. Every one started is stopped by a
 * shutdown hook too, so an interrupted run leaves nothing behind.
 */
final class ManagedProcess {

	private static final Set<ManagedProcess> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ManagedProcess::kill), "bench-cleanup"));
	}

	private final String name;

	private final Process process;

	private final Path log;

	private final long startedNanos;

	private ManagedProcess(String name, Process process, Path log, long startedNanos) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.startedNanos = startedNanos;
	}

	static ManagedProcess start(String name, List<String> command, Path log) throws IOException {
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
		long started = System.nanoTime();
		Process process = builder.start();
		ManagedProcess managed = new ManagedProcess(name, process, log, started);
		RUNNING.add(managed);
		recordPid(process.pid());
		return managed;
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	long startedNanos() {
		return this.startedNanos;
	}

	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Waits until the log holds {@code text}; fails early when the process dies. */
	void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.exists(this.log) && Files.readString(this.log, StandardCharsets.ISO_8859_1).contains(text)) {
				return;
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited (" + this.process.exitValue() + "), see " + this.log);
			}
			Thread.sleep(25);
		}
		throw new IllegalStateException(this.name + " did not print '" + text + "' within " + timeout + ", see " + this.log);
	}

	/** SIGTERM, then SIGKILL after {@code grace}: a graceful stop (the app revokes its token). */
	void stop(Duration grace) {
		this.process.destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		RUNNING.remove(this);
	}

	/** SIGKILL: a crash. */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		RUNNING.remove(this);
	}

	/** Resident set size in KiB from {@code /proc/<pid>/status}, or -1 where /proc is absent. */
	long rssKib() {
		return procStatus("VmRSS:");
	}

	/** Peak resident set size in KiB. */
	long peakRssKib() {
		return procStatus("VmHWM:");
	}

	/** User + system CPU time in milliseconds from {@code /proc/<pid>/stat}, or -1. */
	long cpuMillis() {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
			// fields after the ")" closing the command name: state is field 3, utime 14, stime 15
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks * 1000 / clockTicksPerSecond();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	// The scripts' trap kills these by id if this JVM itself is killed before its shutdown hook runs.
	private static void recordPid(long pid) {
		String file = System.getenv("BENCH_PID_FILE");
		if (file != null && !file.isBlank()) {
			try {
				Files.writeString(Path.of(file), pid + "\n", StandardCharsets.UTF_8,
						java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				Bench.log("could not record pid " + pid + ": " + ex.getMessage());
			}
		}
	}

	private long procStatus(String key) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith(key)) {
					return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or the process is gone
		}
		return -1;
	}

	private static long clockTicksPerSecond() {
		String hz = System.getenv("BENCH_CLK_TCK"); // getconf CLK_TCK, passed in by the scripts
		return (hz != null && !hz.isBlank()) ? Long.parseLong(hz.trim()) : 100;
	}

}
