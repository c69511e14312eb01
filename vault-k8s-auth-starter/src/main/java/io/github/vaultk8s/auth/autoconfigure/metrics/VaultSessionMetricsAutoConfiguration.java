package io.github.vaultk8s.auth.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import io.github.vaultk8s.auth.autoconfigure.VaultK8sAuthAutoConfiguration;
import io.github.vaultk8s.auth.metrics.VaultRequestTimingInterceptor;
import io.github.vaultk8s.auth.metrics.VaultSessionMetrics;
import io.github.vaultk8s.auth.session.ResilientSessionManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.vault.client.RestTemplateCustomizer;

/**
 * Session meters ({@code vault.session.*}) and Vault HTTP call timings ({@code vault.client.requests}).
 */
@AutoConfiguration(after = VaultK8sAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "vault.k8s-auth.enabled", matchIfMissing = true)
public final class VaultSessionMetricsAutoConfiguration {

	@Bean
	@ConditionalOnBean(ResilientSessionManager.class)
	@ConditionalOnMissingBean
	VaultSessionMetrics vaultSessionMetrics(ResilientSessionManager session) {
		return new VaultSessionMetrics(session);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestTemplateCustomizer.class)
	static class VaultRequestTimingConfiguration {

		@Bean
		RestTemplateCustomizer vaultRequestTimingCustomizer(ObjectProvider<MeterRegistry> registry) {
			VaultRequestTimingInterceptor interceptor = new VaultRequestTimingInterceptor(
					SingletonSupplier.of(registry::getIfUnique));
			return (restTemplate) -> restTemplate.getInterceptors().add(0, interceptor);
		}

	}

}
