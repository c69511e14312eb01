package io.github.vaultk8s.testapp;

import io.github.vaultk8s.test.EmbeddedVault;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole app on a random port against the shared Vault stand-in, logging
 * in through Kubernetes auth with the service-account token file the stand-in writes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class EmbeddedVaultApplicationTests {

	protected static final EmbeddedVault vault = SharedEmbeddedVault.get();

	@LocalServerPort
	protected int port;

	protected TestappClient api;

	@DynamicPropertySource
	static void vaultProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.vault.uri", () -> vault.uri().toString());
		registry.add("spring.cloud.vault.kubernetes.service-account-token-file",
				() -> SharedEmbeddedVault.serviceAccountTokenFile().toString());
	}

	@BeforeEach
	void client() {
		this.api = new TestappClient(this.port);
	}

	/** A name no other test uses. */
	protected static String unique(String prefix) {
		return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
	}

}
