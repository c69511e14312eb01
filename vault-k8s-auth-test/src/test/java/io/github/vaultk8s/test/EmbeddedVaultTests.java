package io.github.vaultk8s.test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.vaultk8s.test.TestVaultClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Java API: lifecycle on a stable port, restarts with and without state, faults, the request log.
 */
class EmbeddedVaultTests {

	@Test
	void stopReallyClosesTheSocketAndStartReusesThePort() {
		try (EmbeddedVault vault = EmbeddedVault.builder().start()) {
			int port = vault.port();
			assertThat(port).isPositive();
			assertThat(vault.uri().toString()).isEqualTo("http://127.0.0.1:" + port);
			TestVaultClient client = new TestVaultClient(vault.uri());
			client.send("PUT", "/v1/secret/data/kept", vault.rootToken(), "{\"data\":{\"k\":\"v\"}}");
			vault.stop();
			assertThatExceptionOfType(java.io.UncheckedIOException.class)
				.isThrownBy(() -> new TestVaultClient(vault.uri()).get("/v1/sys/health", null))
				.withCauseInstanceOf(ConnectException.class);
			vault.start();
			assertThat(vault.port()).isEqualTo(port);
			assertThat(new TestVaultClient(vault.uri()).get("/v1/secret/data/kept", vault.rootToken()).status())
				.isEqualTo(200);
		}
	}

	@Test
	void restartWithoutStateKillsOldTokensAndData() {
		try (EmbeddedVault vault = EmbeddedVault.builder().start()) {
			TestVaultClient client = new TestVaultClient(vault.uri());
			String token = (String) client.send("POST", "/v1/auth/token/create", vault.rootToken(), "{}")
				.auth()
				.get("client_token");
			client.send("PUT", "/v1/secret/data/gone", vault.rootToken(), "{\"data\":{\"k\":\"v\"}}");
			int port = vault.port();
			vault.restart(true);
			assertThat(vault.port()).isEqualTo(port);
			assertThat(client.get("/v1/auth/token/lookup-self", token).status()).isEqualTo(200);
			vault.restart(false);
			assertThat(vault.port()).isEqualTo(port);
			assertThat(client.get("/v1/auth/token/lookup-self", token).status()).isEqualTo(403);
			assertThat(client.get("/v1/secret/data/gone", vault.rootToken()).status()).isEqualTo(404);
			// Fresh dev state again: the testapp policy is back.
			assertThat(client.get("/v1/sys/policies/acl/testapp-kv-crud", vault.rootToken()).status()).isEqualTo(200);
		}
	}

	@Test
	void customRootTokenAndNoDevState() {
		try (EmbeddedVault vault = EmbeddedVault.builder().rootToken("s3cr3t-root").devState(false).start()) {
			TestVaultClient client = new TestVaultClient(vault.uri());
			assertThat(vault.rootToken()).isEqualTo("s3cr3t-root");
			assertThat(client.get("/v1/auth/token/lookup-self", "root").status()).isEqualTo(403);
			assertThat(client.get("/v1/auth/token/lookup-self", "s3cr3t-root").status()).isEqualTo(200);
			assertThat(client.get("/v1/sys/policies/acl/testapp-kv-crud", "s3cr3t-root").status()).isEqualTo(404);
			assertThat(vault.caCertificateFile()).isNull();
		}
	}

	@Test
	void failNextAnswersInjectedFaultsThenRecovers() {
		try (EmbeddedVault vault = EmbeddedVault.builder().start()) {
			TestVaultClient client = new TestVaultClient(vault.uri());
			vault.faults().failNext(2, 502);
			for (int i = 0; i < 2; i++) {
				Response failed = client.get("/v1/sys/health", null);
				assertThat(failed.status()).isEqualTo(502);
				assertThat(failed.json()).isEqualTo(Map.of("errors", java.util.List.of("injected fault")));
			}
			assertThat(client.get("/v1/sys/health", null).status()).isEqualTo(200);
		}
	}

	@Test
	void latencyDelaysEveryRequestUntilCleared() {
		try (EmbeddedVault vault = EmbeddedVault.builder().start()) {
			TestVaultClient client = new TestVaultClient(vault.uri());
			vault.faults().latency(Duration.ofSeconds(1));
			long start = System.nanoTime();
			assertThat(client.get("/v1/sys/health", null).status()).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
			vault.faults().clear();
			start = System.nanoTime();
			client.get("/v1/sys/health", null);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		}
	}

	@Test
	void faultSealAndUnseal() {
		try (EmbeddedVault vault = EmbeddedVault.builder().start()) {
			TestVaultClient client = new TestVaultClient(vault.uri());
			vault.faults().seal();
			assertThat(client.get("/v1/secret/data/x", vault.rootToken()).status()).isEqualTo(503);
			vault.faults().clear();
			assertThat(client.get("/v1/secret/data/x", vault.rootToken()).status()).isEqualTo(404);
		}
	}

	@Test
	void requestLogCountsByMethodAndPath() {
		try (EmbeddedVault vault = EmbeddedVault.builder().start()) {
			TestVaultClient client = new TestVaultClient(vault.uri());
			client.get("/v1/sys/health", null);
			client.get("/v1/sys/health?standbyok=true", null);
			client.send("PUT", "/v1/secret/data/a", vault.rootToken(), "{\"data\":{}}");
			RequestLog log = vault.requests();
			assertThat(log.count("GET", "/v1/sys/health")).isEqualTo(2);
			assertThat(log.count("get", "/v1/sys/health")).isEqualTo(2);
			assertThat(log.count("/v1/secret/data/a")).isEqualTo(1);
			assertThat(log.count("POST", "/v1/secret/data/a")).isZero();
			assertThat(log.total()).isEqualTo(3);
			assertThat(log.paths()).containsExactly("/v1/sys/health", "/v1/sys/health", "/v1/secret/data/a");
			log.reset();
			assertThat(log.total()).isZero();
			assertThat(log.paths()).isEmpty();
		}
	}

	@Test
	void builderRejectsNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedVault.builder().port(70000));
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedVault.builder().tokenTtl(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVault.builder().tokenTtl(Duration.ofHours(2)).tokenMaxTtl(Duration.ofHours(1)).build());
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedVault.builder().maxRequestSize(0));
	}

	@Test
	void tlsServesHttpsWithACaFile() throws Exception {
		try (EmbeddedVault vault = EmbeddedVault.builder().tls(true).start()) {
			assertThat(vault.uri().getScheme()).isEqualTo("https");
			Path ca = vault.caCertificateFile();
			assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
			assertThat(vault.kubernetesHost()).isEqualTo(vault.uri().toString());
			HttpClient trusting = HttpClient.newBuilder().sslContext(TrustingCa.sslContext(ca)).build();
			HttpResponse<String> health = trusting.send(
					HttpRequest.newBuilder(vault.uri().resolve("/v1/sys/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			HttpClient untrusting = HttpClient.newHttpClient();
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> untrusting.send(
					HttpRequest.newBuilder(vault.uri().resolve("/v1/sys/health")).build(),
					HttpResponse.BodyHandlers.ofString()));
		}
	}

	@Test
	void serviceAccountTokenFileIsWrittenAndRotated(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("sa/token");
		try (EmbeddedVault vault = EmbeddedVault.builder().serviceAccountTokenFile(file).start()) {
			String first = Files.readString(file);
			assertThat(first.split("\\.")).hasSize(3);
			assertThat(vault.rotateServiceAccountToken()).isEqualTo(file);
			assertThat(Files.readString(file)).isNotEqualTo(first);
		}
	}

}
