package io.github.vaultk8s.k8s.check.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.vaultk8s.k8s.manifest.DeploymentPlan;
import io.github.vaultk8s.k8s.manifest.ManifestPaths;
import io.github.vaultk8s.k8s.manifest.RenderedPlans;
import io.github.vaultk8s.k8s.manifest.YamlDocuments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator releases are pinned, and the app's Actuator configuration serves what the manifests probe
 * and scrape; seeded mistakes are reported.
 */
class OperatorAndAppChecksTests {

	private static final String APP_YAML = """
			management:
			  endpoints:
			    web:
			      exposure:
			        include: health,info,prometheus
			  endpoint:
			    health:
			      probes:
			        enabled: true
			""";

	@TempDir
	Path fixture;

	@Test
	void operatorsArePinned() {
		assertThat(new OperatorPinCheck().check(ManifestPaths.k8sRoot().resolve("01-operators"))).isEmpty();
	}

	@Test
	void installUrlFromABranchIsReported() throws IOException {
		Path operators = copyOperators();
		replace(operators.resolve(OperatorPinCheck.VERSIONS_FILE), "/v0.2.0/dist/", "/main/dist/");
		assertThat(new OperatorPinCheck().check(operators)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("does not point at release v0.2.0"));
	}

	@Test
	void chartImageTagLeftAtLatestIsReported() throws IOException {
		Path operators = copyOperators();
		replace(operators.resolve(OperatorPinCheck.VALUES_FILE), "tag: v1.24.0", "tag: latest");
		assertThat(new OperatorPinCheck().check(operators)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("image.tag 'latest'"));
	}

	@Test
	void floatingChartVersionIsReported() throws IOException {
		Path operators = copyOperators();
		replace(operators.resolve(OperatorPinCheck.VERSIONS_FILE), "VAULT_OPERATOR_CHART_VERSION=1.24.0", "VAULT_OPERATOR_CHART_VERSION=1.x");
		assertThat(new OperatorPinCheck().check(operators)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("'1.x' is not a release version"));
	}

	@Test
	void theAppServesWhatTheManifestsProbe() {
		Path applicationYaml = ManifestPaths.repositoryRoot().resolve("testapp/src/main/resources/application.yaml");
		assumeTrue(Files.isRegularFile(applicationYaml), "testapp/src/main/resources/application.yaml not in this checkout");
		AppActuatorCheck check = new AppActuatorCheck(YamlDocuments.read(applicationYaml).get(0));
		assertThat(check.check(RenderedPlans.of(DeploymentPlan.MONITORING))).isEmpty();
	}

	@Test
	void fixtureAppConfigurationPasses() {
		assertThat(new AppActuatorCheck(YamlDocuments.parse(APP_YAML).get(0)).check(RenderedPlans.of(DeploymentPlan.MONITORING))).isEmpty();
	}

	@Test
	void disabledProbesAreReported() {
		String yaml = APP_YAML.replace("enabled: true", "enabled: false");
		assertThat(new AppActuatorCheck(YamlDocuments.parse(yaml).get(0)).check(RenderedPlans.of(DeploymentPlan.BASE)))
			.singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("probes.enabled is false"));
	}

	@Test
	void separateManagementPortIsReported() {
		String yaml = APP_YAML + "  server:\n    port: 8081\n";
		assertThat(new AppActuatorCheck(YamlDocuments.parse(yaml).get(0)).check(RenderedPlans.of(DeploymentPlan.BASE)))
			.singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("management port 8081"));
	}

	@Test
	void otherServerPortIsReported() {
		String yaml = APP_YAML + "server:\n  port: 9090\n";
		assertThat(new AppActuatorCheck(YamlDocuments.parse(yaml).get(0)).check(RenderedPlans.of(DeploymentPlan.BASE)))
			.singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("server port 9090"));
	}

	@Test
	void scrapedButUnexposedPrometheusEndpointIsReported() {
		String yaml = APP_YAML.replace("health,info,prometheus", "health,info");
		AppActuatorCheck check = new AppActuatorCheck(YamlDocuments.parse(yaml).get(0));
		assertThat(check.check(RenderedPlans.of(DeploymentPlan.BASE))).isEmpty();
		assertThat(check.check(RenderedPlans.of(DeploymentPlan.MONITORING))).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("exposes only [health, info]"));
	}

	@Test
	void appConfigurationWithoutAnyManagementSettingsUsesBootDefaults() {
		assertThat(new AppActuatorCheck(Map.of()).check(RenderedPlans.of(DeploymentPlan.BASE))).isEmpty();
	}

	private Path copyOperators() throws IOException {
		Path source = ManifestPaths.k8sRoot().resolve("01-operators");
		Path target = this.fixture.resolve("01-operators");
		Files.createDirectories(target);
		for (String file : new String[] { OperatorPinCheck.VERSIONS_FILE, OperatorPinCheck.VALUES_FILE }) {
			Files.copy(source.resolve(file), target.resolve(file));
		}
		return target;
	}

	private static void replace(Path file, String from, String to) throws IOException {
		String content = Files.readString(file);
		assertThat(content).contains(from);
		Files.writeString(file, content.replace(from, to));
	}

}
