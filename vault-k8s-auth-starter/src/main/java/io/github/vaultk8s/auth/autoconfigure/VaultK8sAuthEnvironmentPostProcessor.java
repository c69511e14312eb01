package io.github.vaultk8s.auth.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.vaultk8s.auth.token.ServiceAccountTokenFile;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Zero-config in a pod: when the service-account token is mounted (or {@code KUBERNETES_SERVICE_HOST} is set),
 * {@code spring.cloud.vault.authentication} defaults to {@code KUBERNETES}. The default is added as the
 * lowest-precedence property source, so any explicit setting (properties, YAML, environment, command line) wins.
 * <p>
 * It runs before config data is loaded, because {@code spring.config.import=vault://} logs in while config data is
 * loaded. As a consequence it sees only the environment, system properties and command line: a
 * {@code vault.k8s-auth.enabled=false} meant to suppress this default must be given there.
 */
public class VaultK8sAuthEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "vaultK8sAuthDefaults";

	/** Just before Boot's ConfigDataEnvironmentPostProcessor. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 9;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("vault.k8s-auth.enabled", Boolean.class, true)
				|| !environment.getProperty("spring.cloud.vault.enabled", Boolean.class, true)) {
			return;
		}
		if (isInPod(environment)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
						Map.of("spring.cloud.vault.authentication", "KUBERNETES")));
		}
	}

	static boolean isInPod(ConfigurableEnvironment environment) {
		String tokenFile = environment.getProperty("spring.cloud.vault.kubernetes.service-account-token-file",
				ServiceAccountTokenFile.DEFAULT_PATH.toString());
		return environment.containsProperty("KUBERNETES_SERVICE_HOST") || Files.exists(Path.of(tokenFile));
	}

}
