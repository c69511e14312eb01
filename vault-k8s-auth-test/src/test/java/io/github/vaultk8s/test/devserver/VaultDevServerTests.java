package io.github.vaultk8s.test.devserver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.vaultk8s.test.EmbeddedVault;
import io.github.vaultk8s.test.TestVaultClient;

import static org.assertj.core.api.Assertions.assertThat;

class VaultDevServerTests {

	@Test
	void startsAndPrintsWhereItListens(@TempDir Path dir) {
		Path tokenFile = dir.resolve("token");
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		DevServerOptions options = DevServerOptions.parse("--listen=127.0.0.1:0", "--sa-token-file=" + tokenFile,
				"--root-token=dev-root");
		try (EmbeddedVault vault = VaultDevServer.start(options, new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
			String out = buffer.toString(StandardCharsets.UTF_8);
			assertThat(out.lines().findFirst())
				.contains("Vault dev server listening on http://127.0.0.1:" + vault.port());
			assertThat(out).contains("Root token: dev-root").contains("Service account token file: " + tokenFile);
			assertThat(Files.exists(tokenFile)).isTrue();
			assertThat(new TestVaultClient(vault.uri()).get("/v1/auth/token/lookup-self", "dev-root").status())
				.isEqualTo(200);
		}
	}

	@Test
	void tlsPrintsHttpsAndTheCaFile() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		DevServerOptions options = DevServerOptions.parse("--listen=127.0.0.1:0", "--tls");
		try (EmbeddedVault vault = VaultDevServer.start(options, new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
			String out = buffer.toString(StandardCharsets.UTF_8);
			assertThat(out).startsWith("Vault dev server listening on https://127.0.0.1:" + vault.port())
				.contains("CA certificate file: " + vault.caCertificateFile());
		}
	}

}
