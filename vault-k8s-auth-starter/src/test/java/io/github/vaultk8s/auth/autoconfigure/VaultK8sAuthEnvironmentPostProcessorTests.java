package io.github.vaultk8s.auth.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class VaultK8sAuthEnvironmentPostProcessorTests {

	@TempDir
	Path directory;

	private final VaultK8sAuthEnvironmentPostProcessor processor = new VaultK8sAuthEnvironmentPostProcessor();

	@Test
	void mountedServiceAccountTokenDefaultsAuthenticationToKubernetes() throws Exception {
		Path token = Files.writeString(this.directory.resolve("token"), "a.b.c");
		StandardEnvironment environment = environment(
				Map.of("spring.cloud.vault.kubernetes.service-account-token-file", token.toString()));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.cloud.vault.authentication")).isEqualTo("KUBERNETES");
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(VaultK8sAuthEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
	}

	@Test
	void kubernetesServiceHostAloneIsEnough() {
		StandardEnvironment environment = environment(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1",
				"spring.cloud.vault.kubernetes.service-account-token-file", "/nonexistent"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.cloud.vault.authentication")).isEqualTo("KUBERNETES");
	}

	@Test
	void explicitAuthenticationWins() {
		StandardEnvironment environment = environment(
				Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "spring.cloud.vault.authentication", "APPROLE"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.cloud.vault.authentication")).isEqualTo("APPROLE");
	}

	@Test
	void outsideKubernetesNothingChanges() {
		StandardEnvironment environment = environment(
				Map.of("spring.cloud.vault.kubernetes.service-account-token-file", "/nonexistent"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.containsProperty("spring.cloud.vault.authentication")).isFalse();
	}

	@Test
	void disabledStarterAddsNoDefault() {
		StandardEnvironment environment = environment(
				Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "vault.k8s-auth.enabled", "false"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.containsProperty("spring.cloud.vault.authentication")).isFalse();
	}

	@Test
	void readinessGroupGetsVaultAndTheSessionWhenProbesAreOn() {
		StandardEnvironment environment = environment(Map.of("management.endpoint.health.probes.enabled", "true"));
		new VaultReadinessEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,vault,vaultSession");
		assertThat(environment.containsProperty("management.endpoint.health.group.liveness.include")).isFalse();
	}

	@Test
	void readinessGroupLeavesOutDisabledIndicatorsAndExplicitGroupsAlone() {
		StandardEnvironment environment = environment(Map.of("management.endpoint.health.probes.enabled", "true",
				"management.health.vault.enabled", "false"));
		new VaultReadinessEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,vaultSession");
		StandardEnvironment explicit = environment(Map.of("management.endpoint.health.probes.enabled", "true",
				"management.endpoint.health.group.readiness.include", "readinessState,db"));
		new VaultReadinessEnvironmentPostProcessor().postProcessEnvironment(explicit, new SpringApplication());
		assertThat(explicit.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,db");
	}

	@Test
	void readinessGroupIsNotCreatedWithoutProbes() {
		StandardEnvironment environment = environment(Map.of());
		new VaultReadinessEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.containsProperty("management.endpoint.health.group.readiness.include")).isFalse();
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		// Isolated from the machine running the test.
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
