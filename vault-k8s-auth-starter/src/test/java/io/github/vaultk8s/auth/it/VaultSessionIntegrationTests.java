package io.github.vaultk8s.auth.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.vaultk8s.auth.health.VaultSessionHealthIndicator;
import io.github.vaultk8s.auth.session.ReloginReason;
import io.github.vaultk8s.auth.session.ResilientSessionManager;
import io.github.vaultk8s.auth.session.VaultSessionUnavailableException;
import io.github.vaultk8s.test.EmbeddedVault;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.SessionManager;
import org.springframework.vault.authentication.event.AfterLoginEvent;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The starter in a real Spring Boot application against the in-JVM Vault stand-in, one test per behaviour, with
 * TTLs of seconds.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultSessionIntegrationTests {

	private static final String LOGIN = "/v1/auth/kubernetes/login";

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path directory;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void zeroConfigLogsInWithTheRoleFromTheJwtAndConfigImportSharesTheOneSession() {
		EmbeddedVault vault = vault(Duration.ofHours(1), Duration.ofHours(24));
		writeSecret(vault, "testapp", Map.of("greeting", "hello-from-vault"));
		ConfigurableApplicationContext context = app(vault, "spring.config.import=optional:vault://secret/testapp");
		assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hello-from-vault");
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		assertThat(context.getBean(SessionManager.class)).isSameAs(session);
		assertThat(context.getBean(VaultTemplate.class).read("secret/data/testapp")).isNotNull();
		assertThat(session.state().authenticated()).isTrue();
		assertThat(vault.requests().count("POST", LOGIN)).isOne();
		// Health and meters see the session built in the bootstrap context too.
		assertThat(context.getBean(VaultSessionHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		assertThat(meters.get("vault.session.authenticated").gauge().value()).isEqualTo(1);
		assertThat(meters.get("vault.client.requests").tag("path", "secret/data").timer().count()).isOne();
	}

	@Test
	void configImportSessionRecoversFromRevocationOnTheApplicationsTemplate() {
		EmbeddedVault vault = vault(Duration.ofHours(1), Duration.ofHours(24));
		writeSecret(vault, "testapp", Map.of("greeting", "hello-from-vault"));
		ConfigurableApplicationContext context = app(vault, "spring.config.import=optional:vault://secret/testapp");
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		revokeSelf(vault, session.getSessionToken().getToken());
		assertThat(context.getBean(VaultTemplate.class).read("secret/data/testapp").getData()).containsKey("data");
		assertThat(session.state().relogins(ReloginReason.REVOKED)).isOne();
		assertThat(vault.requests().count("POST", LOGIN)).isEqualTo(2);
	}

	@Test
	void disabledStarterWithConfigImportIsPlainSpringCloudVault() {
		EmbeddedVault vault = vault(Duration.ofHours(1), Duration.ofHours(24));
		writeSecret(vault, "testapp", Map.of("greeting", "hello-from-vault"));
		ConfigurableApplicationContext context = app(vault, "vault.k8s-auth.enabled=false",
				"spring.cloud.vault.authentication=KUBERNETES", "spring.cloud.vault.kubernetes.role=testapp",
				"spring.config.import=optional:vault://secret/testapp");
		assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hello-from-vault");
		assertThat(context.getBeansOfType(ResilientSessionManager.class)).isEmpty();
		assertThat(context.getBean(SessionManager.class))
			.isInstanceOf(org.springframework.vault.authentication.LifecycleAwareSessionManager.class);
		assertThat(context.getBeansOfType(VaultSessionHealthIndicator.class)).isEmpty();
		assertThat(vault.requests().count("POST", LOGIN)).isOne();
	}

	@Test
	void withoutConfigImportTheApplicationSessionLogsInOnceAndForwardsEvents(CapturedOutput output) {
		EmbeddedVault vault = vault(Duration.ofHours(1), Duration.ofHours(24));
		ConfigurableApplicationContext context = app(vault);
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		context.getBean(VaultTemplate.class).read("secret/data/testapp");
		assertThat(vault.requests().count("POST", LOGIN)).isOne();
		assertThat(context.getBean(SessionTestApplication.ReceivedEvents.class).events)
			.hasAtLeastOneElementOfType(AfterLoginEvent.class);
		assertThat(output.getAll()).contains("using the service-account name 'testapp'");
	}

	@Test
	void rotatedServiceAccountTokenIsUsedByTheNextLogin() {
		EmbeddedVault vault = vault(Duration.ofSeconds(3), Duration.ofSeconds(3));
		ConfigurableApplicationContext context = app(vault);
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		// A JWT of a service account without a role: the next planned login must read it and fail.
		write(vault.serviceAccountTokenFile(),
				vault.mintServiceAccountToken("default", "intruder", "vault", Duration.ofHours(1)));
		await().atMost(WAIT).until(() -> session.state().loginFailures() > 0);
		assertThat(session.state().lastError()).contains("intruder");
		vault.rotateServiceAccountToken();
		long logins = session.state().loginSuccesses();
		await().atMost(WAIT).until(() -> session.state().loginSuccesses() > logins);
	}

	@Test
	void missingTokenFileFailsTheLoginNotTheStartAndIsPickedUpOnceCreated() throws IOException {
		EmbeddedVault vault = vault(Duration.ofHours(1), Duration.ofHours(24));
		Path missing = this.directory.resolve("later/token");
		// No token file and no KUBERNETES_SERVICE_HOST: zero-config does not apply, Kubernetes is chosen explicitly.
		ConfigurableApplicationContext context = app(vault, "spring.cloud.vault.authentication=KUBERNETES",
				"spring.cloud.vault.kubernetes.service-account-token-file=" + missing);
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		VaultSessionHealthIndicator health = context.getBean(VaultSessionHealthIndicator.class);
		await().atMost(WAIT).until(() -> session.state().loginFailures() > 0);
		assertThat(session.state().lastError()).contains(missing.toString());
		assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
		Files.createDirectories(missing.getParent());
		write(missing, Files.readString(vault.serviceAccountTokenFile()));
		await().atMost(WAIT).until(() -> session.state().authenticated());
		assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void renewsInTheBackground() {
		EmbeddedVault vault = vault(Duration.ofSeconds(3), Duration.ofHours(1));
		ConfigurableApplicationContext context = app(vault);
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().renewalSuccesses() >= 2);
		assertThat(vault.requests().count("POST", "/v1/auth/token/renew-self")).isGreaterThanOrEqualTo(2);
		assertThat(vault.requests().count("POST", LOGIN)).isOne();
		assertThat(session.state().lastRenewal()).isNotNull();
	}

	@Test
	void survivesTransientRenewalErrors() {
		EmbeddedVault vault = vault(Duration.ofSeconds(15), Duration.ofHours(1));
		ConfigurableApplicationContext context = app(vault);
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		// Spring Cloud Vault's HTTP client retries a 503 once by itself: four faults are two failed renewals.
		vault.faults().failNext(4, 503);
		await().atMost(WAIT).until(() -> session.state().renewalFailures() >= 2 && session.state().renewalSuccesses() >= 1);
		assertThat(vault.requests().count("POST", LOGIN)).isOne();
		assertThat(session.state().relogins()).isEmpty();
		assertThat(session.state().authenticated()).isTrue();
	}

	@Test
	void crossesTheMaxTtlUnderLoadWithoutAFailedRequest() throws Exception {
		EmbeddedVault vault = vault(Duration.ofSeconds(4), Duration.ofSeconds(7));
		ConfigurableApplicationContext context = app(vault);
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		try (RequestLoop loop = new RequestLoop(context.getBean(VaultTemplate.class), "secret/data/testapp")) {
			await().atMost(Duration.ofSeconds(30)).until(() -> session.state().relogins(ReloginReason.MAX_TTL) >= 1);
			long before = loop.succeeded();
			await().atMost(WAIT).until(() -> loop.succeeded() > before + 10);
			loop.close();
			assertThat(loop.failures()).isEmpty();
			assertThat(loop.succeeded()).isPositive();
		}
		assertThat(session.state().relogins(ReloginReason.EXPIRED)).isZero();
	}

	@Test
	void revokedTokenUnderLoadIsReplacedWithoutAFailedRequest() throws Exception {
		EmbeddedVault vault = vault(Duration.ofHours(1), Duration.ofHours(24));
		ConfigurableApplicationContext context = app(vault);
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		try (RequestLoop loop = new RequestLoop(context.getBean(VaultTemplate.class), "secret/data/testapp")) {
			await().atMost(WAIT).until(() -> loop.succeeded() > 10);
			revokeSelf(vault, session.getSessionToken().getToken());
			await().atMost(WAIT).until(() -> session.state().relogins(ReloginReason.REVOKED) >= 1);
			long before = loop.succeeded();
			await().atMost(WAIT).until(() -> loop.succeeded() > before + 10);
			loop.close();
			assertThat(loop.failures()).isEmpty();
		}
		assertThat(vault.requests().count("POST", LOGIN)).isEqualTo(2);
	}

	@Test
	void startsWithVaultDownAndLogsInOnceItIsUp() throws IOException {
		EmbeddedVault vault = EmbeddedVault.builder()
			.port(freePort())
			.serviceAccountTokenFile(this.directory.resolve("token"))
			.build();
		this.resources.add(vault);
		ConfigurableApplicationContext context = app(vault, "spring.cloud.vault.authentication=KUBERNETES",
				"vault.k8s-auth.session.max-token-wait=200ms");
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		VaultSessionHealthIndicator health = context.getBean(VaultSessionHealthIndicator.class);
		await().atMost(WAIT).until(() -> session.state().loginFailures() > 0);
		assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
		assertThatException().isThrownBy(() -> context.getBean(VaultTemplate.class).read("secret/data/testapp"))
			.isInstanceOf(VaultSessionUnavailableException.class)
			.withMessageContaining("No Vault token within PT0.2S");
		HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
		assertThat(endpoint.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
		assertThat(endpoint.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
		assertThat(health.health(true).getDetails()).containsEntry("authenticated", false)
			.containsKey("lastError")
			.containsKey("consecutiveFailures");
		vault.start();
		await().atMost(WAIT).until(() -> session.state().authenticated());
		assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
		assertThat(endpoint.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
		assertThat(health.health(true).getDetails()).containsEntry("authenticated", true)
			.containsKeys("ttlLeft", "renewable", "lastLogin")
			.containsEntry("consecutiveFailures", 0);
	}

	@Test
	void failFastStopsStartupWhenVaultStaysDown() throws IOException {
		EmbeddedVault vault = EmbeddedVault.builder()
			.port(freePort())
			.serviceAccountTokenFile(this.directory.resolve("token"))
			.build();
		this.resources.add(vault);
		assertThatException()
			.isThrownBy(() -> app(vault, "spring.cloud.vault.authentication=KUBERNETES", "spring.cloud.vault.fail-fast=true", "vault.k8s-auth.session.startup-timeout=2s"))
			.withStackTraceContaining("Vault login did not succeed within PT2S");
	}

	@Test
	void failFastWithConfigImportStopsStartupWithTheLoginError() throws IOException {
		EmbeddedVault vault = EmbeddedVault.builder()
			.port(freePort())
			.serviceAccountTokenFile(this.directory.resolve("token"))
			.build();
		this.resources.add(vault);
		assertThatException()
			.isThrownBy(() -> app(vault, "spring.cloud.vault.authentication=KUBERNETES",
					"spring.cloud.vault.fail-fast=true", "vault.k8s-auth.session.max-token-wait=1s",
					"spring.config.import=optional:vault://secret/testapp"))
			.withStackTraceContaining("No Vault token within PT1S after")
			.withStackTraceContaining("does not exist");
	}

	@Test
	void recoversWhenVaultRestartsEmpty() throws Exception {
		EmbeddedVault vault = vault(Duration.ofSeconds(30), Duration.ofHours(1));
		ConfigurableApplicationContext context = app(vault);
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		vault.restart(false);
		try (RequestLoop loop = new RequestLoop(context.getBean(VaultTemplate.class), "secret/data/testapp")) {
			await().atMost(WAIT).until(() -> session.state().loginSuccesses() >= 2);
			long before = loop.succeeded();
			await().atMost(WAIT).until(() -> loop.succeeded() > before + 10);
			loop.close();
			assertThat(loop.failures()).isEmpty();
		}
		assertThat(session.state().relogins(ReloginReason.REVOKED)).isOne();
	}

	@Test
	void policyForbiddenStaysForbiddenWithOneLookupAndNoLogin() {
		EmbeddedVault vault = vault(Duration.ofHours(1), Duration.ofHours(24));
		ConfigurableApplicationContext context = app(vault);
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		VaultTemplate template = context.getBean(VaultTemplate.class);
		vault.requests().reset();
		assertThatException().isThrownBy(() -> template.read("secret/data/other-app"))
			.isInstanceOf(VaultException.class)
			.withMessageContaining("403");
		assertThat(vault.requests().count("GET", "/v1/auth/token/lookup-self")).isOne();
		assertThat(vault.requests().count("POST", LOGIN)).isZero();
		assertThat(session.state().authenticated()).isTrue();
		assertThat(session.state().relogins()).isEmpty();
	}

	@Test
	void revokesTheTokenOnShutdown() {
		EmbeddedVault vault = vault(Duration.ofHours(1), Duration.ofHours(24));
		ConfigurableApplicationContext context = app(vault);
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		String token = session.getSessionToken().getToken();
		context.close();
		assertThat(vault.requests().count("POST", "/v1/auth/token/revoke-self")).isOne();
		assertThatException().isThrownBy(() -> lookupSelf(vault, token)).withMessageContaining("403");
	}

	@Test
	void metersFollowTheSession() {
		EmbeddedVault vault = vault(Duration.ofSeconds(3), Duration.ofHours(1));
		ConfigurableApplicationContext context = app(vault);
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		await().atMost(WAIT).until(() -> session.state().renewalSuccesses() >= 1);
		context.getBean(VaultTemplate.class).read("secret/data/testapp");
		assertThat(meters.get("vault.session.authenticated").gauge().value()).isEqualTo(1);
		assertThat(meters.get("vault.session.logins").tag("outcome", "success").functionCounter().count()).isOne();
		assertThat(meters.get("vault.session.renewals").tag("outcome", "success").functionCounter().count())
			.isGreaterThanOrEqualTo(1);
		assertThat(meters.get("vault.session.token.ttl").gauge().value()).isBetween(0.0, 3.0);
		assertThat(meters.get("vault.session.relogins").tag("reason", "revoked").functionCounter().count()).isZero();
		assertThat(meters.get("vault.client.requests").tag("path", "secret/data").timer().count()).isOne();
		assertThat(meters.get("vault.client.requests").tag("path", "auth/token/renew-self").timer().count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void neitherTokensNorSecretsReachTheLogs(CapturedOutput output) throws Exception {
		EmbeddedVault vault = vault(Duration.ofSeconds(3), Duration.ofSeconds(5));
		writeSecret(vault, "testapp", Map.of("password", "very-secret-value"));
		ConfigurableApplicationContext context = app(vault, "logging.level.io.github.vaultk8s=DEBUG",
				"logging.level.org.springframework.vault=DEBUG");
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		List<String> tokens = new ArrayList<>();
		tokens.add(session.getSessionToken().getToken());
		context.getBean(VaultTemplate.class).read("secret/data/testapp");
		await().atMost(WAIT).until(() -> session.state().relogins(ReloginReason.MAX_TTL) >= 1);
		tokens.add(session.getSessionToken().getToken());
		String jwt = Files.readString(vault.serviceAccountTokenFile()).trim();
		context.close();
		assertThat(output.getAll()).doesNotContain(tokens.get(0))
			.doesNotContain(tokens.get(1))
			.doesNotContain(jwt)
			.doesNotContain("very-secret-value")
			.contains("Logged in to Vault");
	}

	@Test
	void pemCaFileIsEnoughToTrustVault() {
		EmbeddedVault vault = EmbeddedVault.builder()
			.tls(true)
			.serviceAccountTokenFile(this.directory.resolve("token"))
			.start();
		this.resources.add(vault);
		assertThat(vault.uri().getScheme()).isEqualTo("https");
		ConfigurableApplicationContext context = app(vault,
				"spring.cloud.vault.ssl.trust-store=file:" + vault.caCertificateFile(),
				"spring.cloud.vault.ssl.trust-store-type=PEM");
		ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
		await().atMost(WAIT).until(() -> session.state().authenticated());
		assertThat(context.getBean(VaultTemplate.class).read("secret/data/testapp")).isNull();
	}

	// Helpers

	private EmbeddedVault vault(Duration tokenTtl, Duration tokenMaxTtl) {
		EmbeddedVault vault = EmbeddedVault.builder()
			.tokenTtl(tokenTtl)
			.tokenMaxTtl(tokenMaxTtl)
			.serviceAccountTokenFile(this.directory.resolve("token"))
			.start();
		this.resources.add(vault);
		return vault;
	}

	private ConfigurableApplicationContext app(EmbeddedVault vault, String... extra) {
		List<String> properties = new ArrayList<>(List.of("spring.cloud.vault.uri=" + vault.uri(),
				"spring.cloud.vault.kubernetes.service-account-token-file=" + this.directory.resolve("token"),
				"spring.cloud.vault.connection-timeout=1000", "spring.cloud.vault.read-timeout=3000",
				"vault.k8s-auth.backoff.initial=200ms", "vault.k8s-auth.backoff.max=1s",
				"vault.k8s-auth.session.max-token-wait=5s", "spring.main.banner-mode=off",
				"management.endpoint.health.probes.enabled=true"));
		properties.addAll(List.of(extra));
		ConfigurableApplicationContext context = SessionTestApplication.run(properties.toArray(String[]::new));
		this.resources.add(context::close);
		return context;
	}

	private static void writeSecret(EmbeddedVault vault, String name, Map<String, String> data) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Vault-Token", vault.rootToken());
		new RestTemplate().postForObject(vault.uri() + "/v1/secret/data/" + name,
				new HttpEntity<>(Map.of("data", data), headers), Map.class);
	}

	private static void revokeSelf(EmbeddedVault vault, String token) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Vault-Token", token);
		new RestTemplate().postForObject(vault.uri() + "/v1/auth/token/revoke-self", new HttpEntity<>(headers),
				Map.class);
	}

	private static void lookupSelf(EmbeddedVault vault, String token) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Vault-Token", token);
		new RestTemplate().exchange(vault.uri() + "/v1/auth/token/lookup-self", org.springframework.http.HttpMethod.GET,
				new HttpEntity<>(headers), Map.class);
	}

	private static void write(Path file, String content) {
		try {
			Path temp = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), content);
			Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
