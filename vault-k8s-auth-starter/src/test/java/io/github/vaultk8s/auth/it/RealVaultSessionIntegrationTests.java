package io.github.vaultk8s.auth.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.vaultk8s.auth.session.ReloginReason;
import io.github.vaultk8s.auth.session.ResilientSessionManager;
import io.github.vaultk8s.test.testcontainers.VaultWithK3s;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The session behaviours of {@link VaultSessionIntegrationTests} against real Vault whose Kubernetes auth method
 * reviews tokens with a real K3s API server. Skipped where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealVaultSessionIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Container
	static final VaultWithK3s cluster = new VaultWithK3s();

	@TempDir
	static Path directory;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private Path tokenFile;

	@BeforeAll
	static void devState() {
		cluster.applyDevState(Duration.ofSeconds(5), Duration.ofSeconds(12));
	}

	@BeforeEach
	void serviceAccountToken() throws IOException {
		this.tokenFile = Files.writeString(directory.resolve("token"),
				cluster.mintServiceAccountToken("default", "testapp", "vault", Duration.ofMinutes(10)));
	}

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void logsInWithTheServiceAccountJwtAndRenews() {
		ResilientSessionManager session = app().getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().renewalSuccesses() >= 1);
		assertThat(session.state().loginSuccesses()).isOne();
	}

	@Test
	void crossesTheMaxTtlUnderLoadWithoutAFailedRequest() throws Exception {
		ConfigurableApplicationContext context = app();
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		try (RequestLoop loop = new RequestLoop(context.getBean(VaultTemplate.class), "secret/data/testapp")) {
			await().atMost(WAIT).until(() -> session.state().relogins(ReloginReason.MAX_TTL) >= 1);
			long before = loop.succeeded();
			await().atMost(WAIT).until(() -> loop.succeeded() > before + 10);
			loop.close();
			assertThat(loop.failures()).isEmpty();
		}
	}

	@Test
	void revokedTokenUnderLoadIsReplacedWithoutAFailedRequest() throws Exception {
		ConfigurableApplicationContext context = app();
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		try (RequestLoop loop = new RequestLoop(context.getBean(VaultTemplate.class), "secret/data/testapp")) {
			await().atMost(WAIT).until(() -> loop.succeeded() > 10);
			call(HttpMethod.POST, "auth/token/revoke-self", session.getSessionToken().getToken());
			await().atMost(WAIT).until(() -> session.state().relogins(ReloginReason.REVOKED) >= 1);
			long before = loop.succeeded();
			await().atMost(WAIT).until(() -> loop.succeeded() > before + 10);
			loop.close();
			assertThat(loop.failures()).isEmpty();
		}
	}

	@Test
	void policyForbiddenStaysForbiddenWithoutALogin() {
		ConfigurableApplicationContext context = app();
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		assertThatException().isThrownBy(() -> context.getBean(VaultTemplate.class).read("secret/data/other-app"))
			.isInstanceOf(VaultException.class)
			.withMessageContaining("403");
		assertThat(session.state().loginSuccesses()).isOne();
		assertThat(session.state().relogins()).isEmpty();
	}

	@Test
	void revokesTheTokenOnShutdown() {
		ConfigurableApplicationContext context = app();
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		String token = session.getSessionToken().getToken();
		context.close();
		assertThatException().isThrownBy(() -> call(HttpMethod.GET, "auth/token/lookup-self", token))
			.isInstanceOf(HttpClientErrorException.Forbidden.class);
	}

	private ConfigurableApplicationContext app() {
		ConfigurableApplicationContext context = SessionTestApplication.run("spring.cloud.vault.uri=" + cluster.uri(),
				"spring.cloud.vault.authentication=KUBERNETES",
				"spring.cloud.vault.kubernetes.service-account-token-file=" + this.tokenFile,
				"vault.k8s-auth.backoff.initial=200ms", "vault.k8s-auth.backoff.max=2s", "spring.main.banner-mode=off");
		this.resources.add(context::close);
		return context;
	}

	private static void call(HttpMethod method, String path, String token) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Vault-Token", token);
		new RestTemplate().exchange(cluster.uri() + "/v1/" + path, method, new HttpEntity<>(headers), Map.class);
	}

}
