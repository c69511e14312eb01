package io.github.vaultk8s.auth.autoconfigure;

import io.github.vaultk8s.auth.client.ForbiddenTokenRetryInterceptor;
import io.github.vaultk8s.auth.session.AuthenticationEventForwarder;
import io.github.vaultk8s.auth.session.KubernetesLogin;
import io.github.vaultk8s.auth.session.ResilientSessionManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.vault.client.RestTemplateFactory;
import org.springframework.cloud.vault.config.VaultAutoConfiguration;
import org.springframework.cloud.vault.config.VaultProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.vault.authentication.event.AuthenticationEventMulticaster;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.SessionManager;
import org.springframework.vault.client.RestTemplateCustomizer;
import org.springframework.vault.core.VaultTemplate;

/**
 * The Vault session for the application context: Kubernetes login, {@link ResilientSessionManager} in place of
 * Spring Cloud Vault's session manager, the 403 retry on Vault requests and events forwarded to the context. With
 * config data import the same objects come from the bootstrap context instead (see
 * {@link VaultSessionBootstrapRegistryInitializer}) and the bean methods here back off.
 */
@AutoConfiguration(before = VaultAutoConfiguration.class)
@ConditionalOnClass({ VaultTemplate.class, VaultProperties.class })
@ConditionalOnBooleanProperty(name = "vault.k8s-auth.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "spring.cloud.vault.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ VaultK8sAuthProperties.class, VaultProperties.class })
// VaultAutoConfiguration carries @Order(LOWEST_PRECEDENCE - 5): where configuration classes are registered directly
// and sorted by @Order (e.g. ApplicationContextRunner) this one must still be processed first.
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public final class VaultK8sAuthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ClientAuthentication.class)
	@ConditionalOnProperty(name = "spring.cloud.vault.authentication", havingValue = "KUBERNETES")
	KubernetesLogin clientAuthentication(VaultProperties vaultProperties, RestTemplateFactory restTemplateFactory) {
		return VaultSessionFactory.kubernetesLogin(vaultProperties, restTemplateFactory.create());
	}

	@Bean
	@ConditionalOnMissingBean(SessionManager.class)
	@ConditionalOnExpression("!'NONE'.equalsIgnoreCase('${spring.cloud.vault.authentication:TOKEN}')")
	ResilientSessionManager vaultSessionManager(ClientAuthentication clientAuthentication,
			RestTemplateFactory restTemplateFactory, VaultK8sAuthProperties properties,
			VaultProperties vaultProperties) {
		return VaultSessionFactory.sessionManager(clientAuthentication, restTemplateFactory.create(), properties,
				vaultProperties.isFailFast());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "vault.k8s-auth.retry-on-invalid-token", matchIfMissing = true)
	RestTemplateCustomizer vaultInvalidTokenRetryCustomizer(ObjectProvider<ResilientSessionManager> session) {
		ForbiddenTokenRetryInterceptor interceptor = new ForbiddenTokenRetryInterceptor(session::getIfUnique);
		return (restTemplate) -> restTemplate.getInterceptors().add(interceptor);
	}

	@Bean
	static SmartInitializingSingleton vaultAuthenticationEventForwarding(ObjectProvider<SessionManager> sessions,
			ApplicationEventPublisher publisher) {
		return () -> sessions.orderedStream().forEach((session) -> {
			if (session instanceof AuthenticationEventMulticaster multicaster) {
				AuthenticationEventForwarder forwarder = new AuthenticationEventForwarder(publisher);
				multicaster.addAuthenticationListener(forwarder);
				multicaster.addErrorListener(forwarder);
			}
		});
	}

}
