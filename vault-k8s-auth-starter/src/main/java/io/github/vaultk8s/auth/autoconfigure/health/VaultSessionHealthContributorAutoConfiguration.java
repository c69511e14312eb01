package io.github.vaultk8s.auth.autoconfigure.health;

import io.github.vaultk8s.auth.autoconfigure.VaultK8sAuthAutoConfiguration;
import io.github.vaultk8s.auth.health.VaultSessionHealthIndicator;
import io.github.vaultk8s.auth.session.ResilientSessionManager;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code vaultSession} health contributor ({@code management.health.vault-session.enabled}).
 */
@AutoConfiguration(after = VaultK8sAuthAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ResilientSessionManager.class)
@ConditionalOnEnabledHealthIndicator("vault-session")
public final class VaultSessionHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "vaultSessionHealthIndicator")
	VaultSessionHealthIndicator vaultSessionHealthIndicator(ResilientSessionManager session) {
		return new VaultSessionHealthIndicator(session);
	}

}
