package io.github.vaultk8s.auth.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Puts Vault into the {@code readiness} health group by default: {@code readinessState}, Spring Cloud Vault's
 * {@code vault} server indicator and the starter's {@code vaultSession}. {@code liveness} is left alone, so a Vault
 * outage never restarts pods. The default is the lowest-precedence property source: an explicit
 * {@code management.endpoint.health.group.readiness.include} wins. It runs after config data, so it sees
 * application properties, and includes only indicators that exist; it applies only where Boot creates the
 * {@code readiness} group (probes enabled, or running on Kubernetes).
 */
public class VaultReadinessEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the default. */
	public static final String PROPERTY_SOURCE_NAME = "vaultK8sAuthReadinessDefaults";

	/** Just after Boot's ConfigDataEnvironmentPostProcessor. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 11;

	private static final String INCLUDE = "management.endpoint.health.group.readiness.include";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!ClassUtils.isPresent("org.springframework.boot.health.contributor.HealthIndicator",
				application.getClassLoader()) || !enabled(environment, "vault.k8s-auth.enabled")
				|| !enabled(environment, "spring.cloud.vault.enabled") || environment.containsProperty(INCLUDE)
				|| !probesEnabled(environment)) {
			return;
		}
		boolean defaults = enabled(environment, "management.health.defaults.enabled");
		List<String> members = new ArrayList<>(List.of("readinessState"));
		if (environment.getProperty("management.health.vault.enabled", Boolean.class, defaults)) {
			members.add("vault");
		}
		if (environment.getProperty("management.health.vault-session.enabled", Boolean.class, defaults)
				&& !"NONE".equalsIgnoreCase(environment.getProperty("spring.cloud.vault.authentication", "TOKEN"))) {
			members.add("vaultSession");
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(INCLUDE, String.join(",", members))));
	}

	/**
	 * Boot creates the {@code readiness} group (and its {@code readinessState} member) only with probes enabled
	 * or on Kubernetes; a group naming a missing member would fail startup.
	 */
	private static boolean probesEnabled(ConfigurableEnvironment environment) {
		Boolean probes = environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class);
		if (probes != null) {
			return probes;
		}
		return environment.containsProperty("KUBERNETES_SERVICE_HOST")
				&& environment.containsProperty("KUBERNETES_SERVICE_PORT");
	}

	private static boolean enabled(ConfigurableEnvironment environment, String property) {
		return environment.getProperty(property, Boolean.class, true);
	}

}
