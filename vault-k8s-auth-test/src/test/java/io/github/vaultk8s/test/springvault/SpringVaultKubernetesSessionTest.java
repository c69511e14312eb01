package io.github.vaultk8s.test.springvault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.authentication.event.AfterLoginEvent;
import org.springframework.vault.authentication.event.AfterLoginTokenRenewedEvent;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.SslConfiguration;
import org.springframework.vault.support.VaultHealth;
import org.springframework.vault.support.VaultResponse;
import org.springframework.vault.support.VaultToken;
import org.springframework.vault.support.Versioned;
import org.springframework.vault.support.Versioned.Version;

import io.github.vaultk8s.test.EmbeddedVault;
import io.github.vaultk8s.test.contract.StandInDiscrepancies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring Vault against the stand-in in its dev state (role {@code testapp}, policy
 * {@code testapp-kv-crud}): login, KV v2 within and outside the policy, health, and renewal of a
 * short-lived token by {@code LifecycleAwareSessionManager}.
 */
@ExtendWith(StandInDiscrepancies.class)
class SpringVaultKubernetesSessionTest {

	private static EmbeddedVault vault;

	@BeforeAll
	static void startVault() {
		vault = EmbeddedVault.builder().build().start();
	}

	@AfterAll
	static void stopVault() {
		vault.close();
	}

	@Test
	@SuppressWarnings("unchecked")
	void logsInWithTheServiceAccountJwt() {
		try (SpringVaultSession session = new SpringVaultSession(vault, "testapp", SslConfiguration.unconfigured(),
				Duration.ofSeconds(5))) {
			VaultToken token = session.sessionManager().getSessionToken();

			assertThat(token.getToken()).startsWith("hvs.");
			assertThat(session.count(AfterLoginEvent.class)).isEqualTo(1);
			VaultResponse self = session.template().read("auth/token/lookup-self");
			assertThat(self.getRequiredData()).containsEntry("display_name", "kubernetes-default-testapp");
			assertThat((List<Object>) self.getRequiredData().get("policies")).containsExactly("default", "testapp-kv-crud");
		}
	}

	@Test
	void crudOnVersionedKeyValueWithinThePolicy() {
		try (SpringVaultSession session = new SpringVaultSession(vault, "testapp", SslConfiguration.unconfigured(),
				Duration.ofSeconds(5))) {
			VaultVersionedKeyValueOperations kv = session.template().opsForVersionedKeyValue("secret");
			String path = "testapp/spring-crud";

			assertThat(kv.put(path, Map.of("user", "alice")).getVersion().getVersion()).isEqualTo(1);
			assertThat(kv.put(path, Map.of("user", "bob")).getVersion().getVersion()).isEqualTo(2);
			assertThat(kv.get(path).getRequiredData()).containsEntry("user", "bob");
			assertThat(kv.<Map<String, Object>>get(path, Version.from(1)).getRequiredData()).containsEntry("user",
					"alice");
			assertThat(kv.opsForKeyValueMetadata().get(path).getCurrentVersion()).isEqualTo(2);

			kv.delete(path);
			Versioned<Map<String, Object>> deleted = kv.get(path);
			assertThat(deleted).isNotNull();
			assertThat(deleted.hasData()).isFalse();
			assertThat(deleted.getRequiredMetadata().isDeleted()).isTrue();

			kv.undelete(path, Version.from(2));
			assertThat(kv.get(path).getRequiredData()).containsEntry("user", "bob");

			kv.destroy(path, Version.from(1));
			assertThat(kv.get(path, Version.from(1)).getRequiredMetadata().isDestroyed()).isTrue();

			kv.opsForKeyValueMetadata().delete(path);
			assertThat(kv.get(path)).isNull();
		}
	}

	@Test
	void listWithinThePolicy() {
		try (SpringVaultSession session = new SpringVaultSession(vault, "testapp", SslConfiguration.unconfigured(),
				Duration.ofSeconds(5))) {
			VaultVersionedKeyValueOperations kv = session.template().opsForVersionedKeyValue("secret");
			kv.put("testapp/listed/a", Map.of("k", "v"));
			kv.put("testapp/listed/b/c", Map.of("k", "v"));

			assertThat(kv.list("testapp/listed/")).containsExactly("a", "b/");
			// testapp-kv-crud's exact rule for secret/metadata/testapp (no list) governs LIST testapp/.
			assertThatExceptionOfType(VaultException.class).isThrownBy(() -> kv.list("testapp/"))
				.withMessageContaining("403");
		}
	}

	@Test
	void pathsOutsideThePolicyAreForbidden() {
		try (SpringVaultSession session = new SpringVaultSession(vault, "testapp", SslConfiguration.unconfigured(),
				Duration.ofSeconds(5))) {
			VaultVersionedKeyValueOperations kv = session.template().opsForVersionedKeyValue("secret");

			assertThatExceptionOfType(VaultException.class).isThrownBy(() -> kv.put("other/secret", Map.of("k", "v")))
				.withMessageContaining("403");
			assertThatExceptionOfType(VaultException.class).isThrownBy(() -> kv.get("testapp2/secret"))
				.withMessageContaining("403");
			assertThatExceptionOfType(VaultException.class)
				.isThrownBy(() -> session.template().read("sys/policies/acl/default"))
				.withMessageContaining("403");
		}
	}

	@Test
	void healthThroughSysOperations() {
		try (SpringVaultSession session = new SpringVaultSession(vault, "testapp", SslConfiguration.unconfigured(),
				Duration.ofSeconds(5))) {
			VaultHealth health = session.template().opsForSys().health();

			assertThat(health.isInitialized()).isTrue();
			assertThat(health.isSealed()).isFalse();
			assertThat(health.isStandby()).isFalse();
			assertThat(health.getVersion()).isNotBlank();
		}
	}

	@Test
	void shortLivedTokenIsRenewedBeforeItExpires() {
		String role = "testapp-short";
		rootTemplate().write("auth/kubernetes/role/" + role,
				Map.of("bound_service_account_names", List.of("testapp"), "bound_service_account_namespaces",
						List.of("default"), "audience", "vault", "token_policies", List.of("testapp-kv-crud"),
						"token_ttl", "4s", "token_max_ttl", "60s"));
		try (SpringVaultSession session = new SpringVaultSession(vault, role, SslConfiguration.unconfigured(),
				Duration.ofSeconds(2))) {
			VaultToken token = session.sessionManager().getSessionToken();

			Awaitility.await("two renewals")
				.atMost(Duration.ofSeconds(15))
				.until(() -> session.count(AfterLoginTokenRenewedEvent.class) >= 2);

			assertThat(session.count(AfterLoginEvent.class)).isEqualTo(1);
			assertThat(session.sessionManager().getSessionToken().getToken()).isEqualTo(token.getToken());
			VaultResponse self = session.template().read("auth/token/lookup-self");
			assertThat(((Number) self.getRequiredData().get("ttl")).intValue()).isBetween(1, 4);
			assertThat(self.getRequiredData().get("last_renewal_time")).isNotNull();
		}
	}

	private static VaultTemplate rootTemplate() {
		VaultEndpoint endpoint = VaultEndpoint.create(vault.uri().getHost(), vault.port());
		endpoint.setScheme(vault.uri().getScheme());
		return new VaultTemplate(endpoint, new TokenAuthentication(vault.rootToken()));
	}

}
