package io.github.vaultk8s.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged {@code testapp.jar} as a child process, pointed at a Vault URI with the standard
 * {@code spring.cloud.vault.*} Kubernetes properties, in one of the two {@link Variant}s.
 */
final class AppProcess {

	private final Variant variant;

	private final int port;

	private final ManagedProcess process;

	private final Http http = new Http(Duration.ofSeconds(5));

	private AppProcess(Variant variant, int port, ManagedProcess process) {
		this.variant = variant;
		this.port = port;
		this.process = process;
	}

	static AppProcess start(Path jar, Variant variant, int port, String vaultUri, Path tokenFile, List<String> jvmFlags,
			List<String> extraArgs, Path log) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Bench.java());
		command.addAll(jvmFlags);
		// with -Dloader.path (bench experiments) Boot's PropertiesLauncher adds the extra jars to the app
		boolean extraJars = jvmFlags.stream().anyMatch(f -> f.startsWith("-Dloader.path="));
		command.addAll(extraJars ? List.of("-cp", jar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher")
				: List.of("-jar", jar.toString()));
		command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1", "--spring.cloud.vault.uri=" + vaultUri,
				"--spring.cloud.vault.authentication=KUBERNETES", "--spring.cloud.vault.kubernetes.role=testapp",
				"--spring.cloud.vault.kubernetes.service-account-token-file=" + tokenFile));
		command.addAll(variant.args());
		command.addAll(extraArgs);
		return new AppProcess(variant, port, ManagedProcess.start("testapp-" + variant.name().toLowerCase() + ":" + port,
				command, log));
	}

	Variant variant() {
		return this.variant;
	}

	String base() {
		return "http://127.0.0.1:" + this.port;
	}

	ManagedProcess process() {
		return this.process;
	}

	boolean ready() {
		return this.http.get(base() + "/actuator/health/readiness", Map.of()).status() == 200;
	}

	/** Polls readiness every 50 ms; returns the time from process start to the first UP. */
	Duration awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (ready()) {
				return Duration.ofNanos(System.nanoTime() - this.process.startedNanos());
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.process.name() + " exited, see " + this.process.log());
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException(this.process.name() + " not ready within " + timeout + ", see "
				+ this.process.log());
	}

	Http.Answer call(String method, String path, String jsonBody) {
		return this.http.send(method, base() + path, jsonBody, Map.of());
	}

	void stop() {
		this.process.stop(Duration.ofSeconds(15));
	}

}
