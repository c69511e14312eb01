package io.github.vaultk8s.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The standalone {@code vault-dev-server.jar} as a child process, plus the root-token calls the bench
 * makes from outside the app (seed a secret, read it back, revoke the app's tokens).
 */
final class VaultDevServer {

	static final String ROOT_TOKEN = "root";

	private final Path jar;

	private final int port;

	private final Path tokenFile;

	private final List<String> extraArgs;

	private final Path logDir;

	private final Http http = new Http(Duration.ofSeconds(10));

	private ManagedProcess process;

	private int generation;

	/**
	 * @param extraArgs e.g. {@code --token-ttl=15s}, {@code --token-max-ttl=30s}
	 */
	VaultDevServer(Path jar, int port, Path tokenFile, List<String> extraArgs, Path logDir) {
		this.jar = jar;
		this.port = port;
		this.tokenFile = tokenFile;
		this.extraArgs = List.copyOf(extraArgs);
		this.logDir = logDir;
	}

	VaultDevServer start() throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Bench.java(),
				// the JDK HttpServer leaves Nagle on: without this every answer waits ~40 ms for a delayed ACK
				"-Dsun.net.httpserver.nodelay=true", "-jar",
				this.jar.toString(), "--listen=127.0.0.1:" + this.port, "--root-token=" + ROOT_TOKEN,
				"--sa-token-file=" + this.tokenFile));
		command.addAll(this.extraArgs);
		this.generation++;
		this.process = ManagedProcess.start("vault-dev-server:" + this.port, command,
				this.logDir.resolve("vault-" + this.port + "-" + this.generation + ".log"));
		this.process.awaitLog("listening on", Duration.ofSeconds(90));
		return this;
	}

	/** Kills the process (a crash) and starts a new, empty one on the same port and token file. */
	void restartEmpty() throws IOException, InterruptedException {
		this.process.kill();
		start();
	}

	void stop() {
		if (this.process != null) {
			this.process.stop(Duration.ofSeconds(5));
		}
	}

	int port() {
		return this.port;
	}

	String uri() {
		return "http://127.0.0.1:" + this.port;
	}

	Path tokenFile() {
		return this.tokenFile;
	}

	ManagedProcess process() {
		return this.process;
	}

	/** Writes KV v2 {@code secret/<path>} with the root token. */
	void putSecret(String path, String dataJson) {
		Http.Answer answer = null;
		for (int attempt = 0; attempt < 5 && (answer == null || answer.status() == -1); attempt++) {
			answer = this.http.send("POST", uri() + "/v1/secret/data/" + path, "{\"data\":" + dataJson + "}", root());
		}
		if (!answer.ok()) {
			throw new IllegalStateException("seeding secret/" + path + " failed: " + answer.status());
		}
	}

	/** The {@code data} of KV v2 {@code secret/<path>} read with the root token, or null. */
	@SuppressWarnings("unchecked")
	Map<String, Object> readSecret(String path) {
		Http.Answer answer = this.http.get(uri() + "/v1/secret/data/" + path, root());
		return answer.ok() ? (Map<String, Object>) Json.path(answer.json(), "data", "data") : null;
	}

	/**
	 * Revokes every token but the root token, the way an operator would from outside: list accessors,
	 * look each up, revoke the ones that are not root. Returns how many were revoked.
	 */
	int revokeNonRootTokens() {
		Http.Answer list = this.http.get(uri() + "/v1/auth/token/accessors?list=true", root());
		if (!list.ok()) {
			throw new IllegalStateException("listing accessors failed: " + list.status() + " " + list.body());
		}
		Object keys = Json.path(list.json(), "data", "keys");
		int revoked = 0;
		if (keys instanceof List<?> accessors) {
			for (Object accessor : accessors) {
				String body = "{\"accessor\":" + Json.quote(accessor.toString()) + "}";
				Http.Answer lookup = this.http.send("POST", uri() + "/v1/auth/token/lookup-accessor", body, root());
				Object policies = Json.path(lookup.json(), "data", "policies");
				if (lookup.ok() && policies instanceof List<?> p && p.contains("root")) {
					continue;
				}
				Http.Answer revoke = this.http.send("POST", uri() + "/v1/auth/token/revoke-accessor", body, root());
				if (revoke.ok()) {
					revoked++;
				}
			}
		}
		return revoked;
	}

	private static Map<String, String> root() {
		return Map.of("X-Vault-Token", ROOT_TOKEN);
	}

}
