package io.github.vaultk8s.auth.autoconfigure;

import java.time.Duration;

import io.github.vaultk8s.auth.autoconfigure.health.VaultSessionHealthContributorAutoConfiguration;
import io.github.vaultk8s.auth.autoconfigure.metrics.VaultSessionMetricsAutoConfiguration;
import io.github.vaultk8s.auth.health.VaultSessionHealthIndicator;
import io.github.vaultk8s.auth.metrics.VaultSessionMetrics;
import io.github.vaultk8s.auth.session.KubernetesLogin;
import io.github.vaultk8s.auth.session.ResilientSessionManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.vault.config.VaultAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.authentication.SessionManager;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.RestTemplateCustomizer;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.VaultToken;

import static org.assertj.core.api.Assertions.assertThat;

class VaultK8sAuthAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultK8sAuthAutoConfiguration.class, VaultAutoConfiguration.class,
				VaultSessionHealthContributorAutoConfiguration.class, VaultSessionMetricsAutoConfiguration.class))
		// Nothing listens there: the background login fails quietly and the tests look at the wiring only.
		.withPropertyValues("spring.cloud.vault.uri=http://127.0.0.1:1", "spring.cloud.vault.connection-timeout=50");

	private final ApplicationContextRunner kubernetes = this.runner
		.withPropertyValues("spring.cloud.vault.authentication=KUBERNETES");

	@Test
	void kubernetesAuthenticationGetsTheStartersLoginAndSession() {
		this.kubernetes.withPropertyValues("spring.cloud.vault.kubernetes.role=testapp",
				"spring.cloud.vault.kubernetes.service-account-token-file=/nonexistent/token")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(KubernetesLogin.class);
				assertThat(context).hasSingleBean(SessionManager.class);
				assertThat(context.getBean(SessionManager.class)).isInstanceOf(ResilientSessionManager.class);
				assertThat(context).hasBean("vaultSessionManager");
				assertThat(context).hasSingleBean(VaultTemplate.class);
				assertThat(context).hasSingleBean(VaultSessionHealthIndicator.class);
				assertThat(context).hasBean("vaultSessionHealthIndicator");
				assertThat(context).hasSingleBean(VaultSessionMetrics.class);
				assertThat(context).hasBean("vaultInvalidTokenRetryCustomizer");
				assertThat(context).hasBean("vaultRequestTimingCustomizer");
				KubernetesLogin login = context.getBean(KubernetesLogin.class);
				assertThat(login.getRole()).isEqualTo("testapp");
				assertThat(login.getPath()).isEqualTo("kubernetes");
				assertThat(login.getTokenFile().getPath()).hasToString("/nonexistent/token");
			});
	}

	@Test
	void missingTokenFileDoesNotStopTheApplication() {
		this.kubernetes.withPropertyValues("spring.cloud.vault.kubernetes.service-account-token-file=/nonexistent/token")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ResilientSessionManager session = context.getBean(ResilientSessionManager.class);
				org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(session.state().lastError()).contains("/nonexistent/token"));
				assertThat(session.state().authenticated()).isFalse();
			});
	}

	@Test
	void sessionSettingsComeFromProperties() {
		this.kubernetes
			.withPropertyValues("vault.k8s-auth.session.renewal-fraction=0.5", "vault.k8s-auth.session.renewal-jitter=0",
					"vault.k8s-auth.session.max-token-wait=250ms", "vault.k8s-auth.session.expiry-margin=3s",
					"vault.k8s-auth.session.revoke-on-shutdown=false", "vault.k8s-auth.backoff.initial=2s",
					"vault.k8s-auth.backoff.max=1m", "vault.k8s-auth.backoff.multiplier=3",
					"vault.k8s-auth.backoff.jitter=0.5")
			.run((context) -> {
				var settings = context.getBean(ResilientSessionManager.class).getSettings();
				assertThat(settings.renewalFraction()).isEqualTo(0.5);
				assertThat(settings.renewalJitter()).isZero();
				assertThat(settings.maxTokenWait()).isEqualTo(Duration.ofMillis(250));
				assertThat(settings.expiryMargin()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.revokeOnShutdown()).isFalse();
				assertThat(settings.backoff().initial()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.backoff().max()).isEqualTo(Duration.ofMinutes(1));
				assertThat(settings.backoff().multiplier()).isEqualTo(3);
				assertThat(settings.backoff().jitter()).isEqualTo(0.5);
			});
	}

	@Test
	void userClientAuthenticationWins() {
		this.kubernetes.withUserConfiguration(UserClientAuthentication.class).run((context) -> {
			assertThat(context).doesNotHaveBean(KubernetesLogin.class);
			assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(TokenAuthentication.class);
			assertThat(context.getBean(ResilientSessionManager.class).getClientAuthentication())
				.isSameAs(context.getBean(ClientAuthentication.class));
		});
	}

	@Test
	void userSessionManagerWins() {
		this.kubernetes.withUserConfiguration(UserSessionManager.class).run((context) -> {
			assertThat(context).doesNotHaveBean(ResilientSessionManager.class);
			assertThat(context.getBean(SessionManager.class)).isInstanceOf(SimpleSessionManager.class);
			assertThat(context).doesNotHaveBean(VaultSessionHealthIndicator.class);
			assertThat(context).doesNotHaveBean(VaultSessionMetrics.class);
		});
	}

	@Test
	void disabledLeavesPlainSpringCloudVault() {
		this.kubernetes.withPropertyValues("vault.k8s-auth.enabled=false", "spring.cloud.vault.kubernetes.role=testapp",
				"spring.cloud.vault.kubernetes.service-account-token-file=" + existingFile())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(KubernetesLogin.class);
				assertThat(context).doesNotHaveBean(ResilientSessionManager.class);
				assertThat(context.getBean(SessionManager.class)).isInstanceOf(LifecycleAwareSessionManager.class);
				assertThat(context).doesNotHaveBean(VaultSessionHealthIndicator.class);
				assertThat(context).doesNotHaveBean(VaultSessionMetrics.class);
				assertThat(context).doesNotHaveBean(RestTemplateCustomizer.class);
			});
	}

	@Test
	void springCloudVaultDisabledDisablesTheStarter() {
		this.kubernetes.withPropertyValues("spring.cloud.vault.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ResilientSessionManager.class);
			assertThat(context).doesNotHaveBean(KubernetesLogin.class);
		});
	}

	@Test
	void explicitTokenAuthenticationKeepsSpringCloudVaultsLoginUnderTheStartersSession() {
		this.runner.withPropertyValues("spring.cloud.vault.authentication=TOKEN", "spring.cloud.vault.token=dev-token")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(KubernetesLogin.class);
				assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(TokenAuthentication.class);
				assertThat(context).hasSingleBean(ResilientSessionManager.class);
			});
	}

	@Test
	void noAuthenticationMeansNoSession() {
		this.runner.withPropertyValues("spring.cloud.vault.authentication=NONE").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ResilientSessionManager.class);
			assertThat(context).doesNotHaveBean(VaultSessionHealthIndicator.class);
		});
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.kubernetes.withPropertyValues("management.health.vault-session.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(VaultSessionHealthIndicator.class));
	}

	@Test
	void invalidTokenRetryCanBeSwitchedOff() {
		this.kubernetes.withPropertyValues("vault.k8s-auth.retry-on-invalid-token=false")
			.run((context) -> assertThat(context).doesNotHaveBean("vaultInvalidTokenRetryCustomizer"));
	}

	@Test
	void renewalFractionOutsideZeroToOneIsRejected() {
		this.kubernetes.withPropertyValues("vault.k8s-auth.session.renewal-fraction=1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("vault.k8s-auth.session.renewal-fraction must be greater than 0 and less than 1");
		});
		this.kubernetes.withPropertyValues("vault.k8s-auth.session.renewal-fraction=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void otherInvalidValuesAreRejected() {
		String[][] invalid = { { "vault.k8s-auth.session.renewal-jitter=0.6", "renewal-jitter" },
				{ "vault.k8s-auth.session.max-token-wait=-1s", "max-token-wait" },
				{ "vault.k8s-auth.session.expiry-margin=-1s", "expiry-margin" },
				{ "vault.k8s-auth.session.startup-timeout=0s", "startup-timeout" },
				{ "vault.k8s-auth.backoff.initial=0s", "backoff.initial" },
				{ "vault.k8s-auth.backoff.multiplier=0.5", "backoff.multiplier" },
				{ "vault.k8s-auth.backoff.jitter=1", "backoff.jitter" } };
		for (String[] value : invalid) {
			this.kubernetes.withPropertyValues(value[0]).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(value[1]);
			});
		}
	}

	@Test
	void backoffMaxBelowInitialIsRejected() {
		this.kubernetes.withPropertyValues("vault.k8s-auth.backoff.initial=10s", "vault.k8s-auth.backoff.max=1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("Max backoff");
			});
	}

	private static String existingFile() {
		try {
			java.nio.file.Path file = java.nio.file.Files.createTempFile("sa-token", "");
			java.nio.file.Files.writeString(file, "x.y.z");
			file.toFile().deleteOnExit();
			return file.toString();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class UserClientAuthentication {

		@Bean
		ClientAuthentication clientAuthentication() {
			return new TokenAuthentication("user-token");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class UserSessionManager {

		@Bean
		SessionManager vaultSessionManager() {
			return new SimpleSessionManager(() -> VaultToken.of("user-token"));
		}

	}

}
