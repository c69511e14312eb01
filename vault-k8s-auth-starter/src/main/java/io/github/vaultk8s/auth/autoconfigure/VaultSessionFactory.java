package io.github.vaultk8s.auth.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;

import io.github.vaultk8s.auth.session.Backoff;
import io.github.vaultk8s.auth.session.KubernetesLogin;
import io.github.vaultk8s.auth.session.ResilientSessionManager;
import io.github.vaultk8s.auth.session.SessionSettings;
import io.github.vaultk8s.auth.token.ServiceAccountTokenFile;

import org.springframework.cloud.vault.config.VaultProperties;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.web.client.RestOperations;

/**
 * Builds the login and the session from properties, the same way for the application context and for the
 * bootstrap context of config data import.
 */
final class VaultSessionFactory {

	private VaultSessionFactory() {
	}

	static KubernetesLogin kubernetesLogin(VaultProperties vaultProperties, RestOperations restOperations) {
		VaultProperties.KubernetesProperties kubernetes = vaultProperties.getKubernetes();
		return new KubernetesLogin(kubernetes.getKubernetesPath(), kubernetes.getRole(),
				new ServiceAccountTokenFile(Path.of(kubernetes.getServiceAccountTokenFile())), restOperations,
				Clock.systemUTC());
	}

	static SessionSettings settings(VaultK8sAuthProperties properties) {
		VaultK8sAuthProperties.Session session = properties.getSession();
		VaultK8sAuthProperties.Backoff backoff = properties.getBackoff();
		try {
			return new SessionSettings(session.getRenewalFraction(), session.getRenewalJitter(),
					new Backoff(backoff.getInitial(), backoff.getMax(), backoff.getMultiplier(), backoff.getJitter()),
					session.getMaxTokenWait(), session.getExpiryMargin(), session.isRevokeOnShutdown());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid vault.k8s-auth configuration: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A session with a scheduler of its own (one daemon thread): logins and renewals never queue behind secret
	 * lease renewals, and the scheduler is shut down after the token is revoked.
	 */
	static ResilientSessionManager sessionManager(ClientAuthentication clientAuthentication,
			RestOperations restOperations, VaultK8sAuthProperties properties, boolean failFast) {
		SessionSettings settings = settings(properties);
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setDaemon(true);
		scheduler.setThreadNamePrefix("vault-session-");
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.initialize();
		ResilientSessionManager session = new ResilientSessionManager(clientAuthentication, restOperations, scheduler,
				settings);
		session.setSchedulerShutdown(scheduler::shutdown);
		if (failFast) {
			session.setStartupTimeout(properties.getSession().getStartupTimeout());
		}
		return session;
	}

}
