package io.github.vaultk8s.test.devserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.vaultk8s.test.TestVaultClient;
import io.github.vaultk8s.test.TestVaultClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged {@code vault-dev-server.jar} as a process and uses it as an application would: log in
 * with the written service-account JWT, KV CRUD inside the policy, 403 outside it.
 */
class VaultDevServerIT {

	private Process process;

	@AfterEach
	void destroy() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void loginAndKvCrudAgainstThePackagedJar(@TempDir Path dir) throws Exception {
		String jar = System.getProperty("vault.devserver.jar");
		Assumptions.assumeTrue(jar != null && Files.exists(Path.of(jar)),
				"vault-dev-server.jar is built by 'mvn package'; run this test with 'mvn verify'");
		int port = freePort();
		Path tokenFile = dir.resolve("token");
		String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.process = new ProcessBuilder(javaBinary, "-jar", jar, "--listen=127.0.0.1:" + port,
				"--sa-token-file=" + tokenFile)
			.redirectErrorStream(true)
			.start();
		List<String> output = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> readLines(this.process, output), "dev-server-output");
		reader.setDaemon(true);
		reader.start();
		String listening = "Vault dev server listening on http://127.0.0.1:" + port;
		Awaitility.await("the listening line").atMost(Duration.ofSeconds(90)).until(() -> output.contains(listening));

		TestVaultClient client = new TestVaultClient(java.net.URI.create("http://127.0.0.1:" + port));
		String jwt = Files.readString(tokenFile).trim();
		Response login = client.send("POST", "/v1/auth/kubernetes/login", null,
				"{\"role\":\"testapp\",\"jwt\":\"" + jwt + "\"}");
		assertThat(login.status()).isEqualTo(200);
		String token = (String) login.auth().get("client_token");

		assertThat(client.send("PUT", "/v1/secret/data/testapp/it", token, "{\"data\":{\"k\":\"v1\"}}").status())
			.isEqualTo(200);
		assertThat(client.get("/v1/secret/data/testapp/it", token).data()).containsEntry("data", Map.of("k", "v1"));
		assertThat(client.send("PUT", "/v1/secret/data/testapp/it", token,
				"{\"options\":{\"cas\":1},\"data\":{\"k\":\"v2\"}}").data()).containsEntry("version", 2);
		assertThat(client.send("DELETE", "/v1/secret/metadata/testapp/it", token, null).status()).isEqualTo(204);
		assertThat(client.get("/v1/secret/data/testapp/it", token).status()).isEqualTo(404);
		Response outside = client.send("PUT", "/v1/secret/data/elsewhere", token, "{\"data\":{\"k\":\"v\"}}");
		assertThat(outside.status()).isEqualTo(403);

		this.process.destroy();
		assertThat(this.process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
	}

	private static void readLines(Process process, List<String> output) {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				output.add(line);
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
