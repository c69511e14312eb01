package io.github.vaultk8s.test.springvault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.vault.support.SslConfiguration;
import org.springframework.vault.support.SslConfiguration.KeyStoreConfiguration;
import org.springframework.vault.support.VaultToken;

import io.github.vaultk8s.test.EmbeddedVault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Spring Vault against the stand-in over TLS, trusting its CA from a PEM file as an application would
 * ({@code SslConfiguration} with a {@code PEM} trust store).
 */
class SpringVaultTlsTest {

	private static EmbeddedVault vault;

	@BeforeAll
	static void startVault() {
		vault = EmbeddedVault.builder().tls(true).build().start();
	}

	@AfterAll
	static void stopVault() {
		vault.close();
	}

	@Test
	void loginAndKeyValueOverTlsWithPemTrustStore() {
		assertThat(vault.uri().getScheme()).isEqualTo("https");
		try (SpringVaultSession session = new SpringVaultSession(vault, "testapp", pemTrust(), Duration.ofSeconds(5))) {
			VaultToken token = session.sessionManager().getSessionToken();
			assertThat(token.getToken()).startsWith("hvs.");

			var kv = session.template().opsForVersionedKeyValue("secret");
			kv.put("testapp/tls", Map.of("k", "v"));
			assertThat(kv.get("testapp/tls").getRequiredData()).containsEntry("k", "v");
			assertThat(session.template().opsForSys().health().isSealed()).isFalse();
		}
	}

	@Test
	void certificateIsNotTrustedWithoutTheCa() {
		try (SpringVaultSession session = new SpringVaultSession(vault, "testapp", SslConfiguration.unconfigured(),
				Duration.ofSeconds(5))) {
			Throwable thrown = catchThrowable(() -> session.template().opsForSys().health());

			assertThat(thrown).isNotNull();
			List<Throwable> chain = new ArrayList<>();
			for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
				chain.add(cause);
			}
			assertThat(chain).hasAtLeastOneElementOfType(SSLHandshakeException.class);
		}
	}

	private static SslConfiguration pemTrust() {
		return SslConfiguration.forTrustStore(KeyStoreConfiguration.of(new FileSystemResource(vault.caCertificateFile()))
			.withStoreType(SslConfiguration.PEM_KEYSTORE_TYPE));
	}

}
