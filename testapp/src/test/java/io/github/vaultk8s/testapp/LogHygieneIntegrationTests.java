package io.github.vaultk8s.testapp;

import java.nio.file.Files;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.vault.authentication.SessionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secret values and tokens never reach the log, on success paths or failure paths (bad bodies, CAS
 * conflicts, 410s, Vault down).
 */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneIntegrationTests extends EmbeddedVaultApplicationTests {

	@Autowired
	private SessionManager sessionManager;

	@Test
	void logsContainNoSecretValueAndNoToken(CapturedOutput output) throws Exception {
		String value = "value-" + UUID.randomUUID();
		String path = "/secrets/" + unique("hygiene");
		this.api.put(path, "{\"password\":\"" + value + "\"}");
		this.api.get(path);
		this.api.put(path, "{\"password\":\"" + value + "\"}", "If-Match", "\"7\"");
		this.api.patch(path, "{\"password\":\"" + value + "-2\"}", "If-Match", "\"1\"");
		this.api.put(path, "{\"password\": " + value + "}");
		this.api.put(path, "{\"password\":\"" + value + "\"} trailing " + value);
		this.api.put(path, "[\"" + value + "\"]");
		this.api.send("PUT", path, "text/plain", value);
		this.api.put(path, "{\"password\":\"" + value + "x".repeat(70_000) + "\"}");
		this.api.delete(path);
		this.api.get(path);
		vault.stop();
		try {
			this.api.put(path, "{\"password\":\"" + value + "\"}");
			this.api.get(path);
		}
		finally {
			vault.start();
		}

		String clientToken = this.sessionManager.getSessionToken().getToken();
		String serviceAccountJwt = Files.readString(SharedEmbeddedVault.serviceAccountTokenFile()).trim();
		assertThat(output.getAll()).contains("Vault unavailable")
			.doesNotContain(value)
			.doesNotContain(clientToken)
			.doesNotContain(serviceAccountJwt)
			.doesNotContain(serviceAccountJwt.substring(serviceAccountJwt.lastIndexOf('.') + 1))
			.doesNotContain(vault.rootToken() + "\"");
	}

}
