package io.github.vaultk8s.test.springvault;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.vault.authentication.KubernetesAuthentication;
import org.springframework.vault.authentication.KubernetesAuthenticationOptions;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.authentication.LifecycleAwareSessionManagerSupport.FixedTimeoutRefreshTrigger;
import org.springframework.vault.authentication.event.AuthenticationEvent;
import org.springframework.vault.client.ClientHttpRequestFactoryFactory;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.ClientOptions;
import org.springframework.vault.support.SslConfiguration;
import org.springframework.web.client.RestTemplate;

import io.github.vaultk8s.test.EmbeddedVault;

/**
 * A Spring Vault client wired the way an application wires it — Kubernetes login, lifecycle-aware session,
 * template — pointed at an {@link EmbeddedVault}, recording the session's authentication events.
 */
final class SpringVaultSession implements AutoCloseable {

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final LifecycleAwareSessionManager sessionManager;

	private final VaultTemplate template;

	private final List<AuthenticationEvent> events = new CopyOnWriteArrayList<>();

	/**
	 * @param vault the stand-in
	 * @param role the Kubernetes auth role to log in with
	 * @param ssl how to trust the stand-in's certificate when it runs with TLS
	 * @param refreshBeforeExpiry how long before expiry the session renews
	 */
	SpringVaultSession(EmbeddedVault vault, String role, SslConfiguration ssl, Duration refreshBeforeExpiry) {
		VaultEndpoint endpoint = VaultEndpoint.create(vault.uri().getHost(), vault.port());
		endpoint.setScheme(vault.uri().getScheme());
		ClientHttpRequestFactory requestFactory = ClientHttpRequestFactoryFactory
			.create(new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(15)), ssl);
		RestTemplate restTemplate = VaultClients.createRestTemplate(endpoint, requestFactory);
		KubernetesAuthenticationOptions options = KubernetesAuthenticationOptions.builder()
			.role(role)
			.jwtSupplier(() -> vault.mintServiceAccountToken("default", "testapp", "vault", Duration.ofMinutes(10)))
			.build();
		this.scheduler.setPoolSize(1);
		this.scheduler.setThreadNamePrefix("vault-session-");
		this.scheduler.initialize();
		this.sessionManager = new LifecycleAwareSessionManager(new KubernetesAuthentication(options, restTemplate),
				this.scheduler, restTemplate, new FixedTimeoutRefreshTrigger(refreshBeforeExpiry, Duration.ofSeconds(1)));
		this.sessionManager.addAuthenticationListener(this.events::add);
		this.template = new VaultTemplate(endpoint, requestFactory, this.sessionManager);
	}

	VaultTemplate template() {
		return this.template;
	}

	LifecycleAwareSessionManager sessionManager() {
		return this.sessionManager;
	}

	/** Authentication events so far, oldest first. */
	List<AuthenticationEvent> events() {
		return List.copyOf(this.events);
	}

	long count(Class<? extends AuthenticationEvent> type) {
		return this.events.stream().filter(type::isInstance).count();
	}

	@Override
	public void close() {
		this.sessionManager.destroy();
		this.scheduler.shutdown();
	}

}
