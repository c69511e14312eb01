package io.github.vaultk8s.k8s.check.workload;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.manifest.DeploymentPlan;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;
import io.github.vaultk8s.k8s.manifest.RenderedPlans;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pods run restricted, images are pinned, the app probes Actuator's health groups, in every plan; each
 * kind of mistake, seeded into a copy, is reported.
 */
class WorkloadChecksTests {

	@ParameterizedTest
	@EnumSource(DeploymentPlan.class)
	void everyPlanPassesTheWorkloadChecks(DeploymentPlan plan) {
		Manifests manifests = RenderedPlans.of(plan);
		assertThat(new PodSecurityCheck().check(manifests)).isEmpty();
		assertThat(new ImagePinCheck().check(manifests)).isEmpty();
		assertThat(new ProbeCheck().check(manifests)).isEmpty();
	}

	@Test
	void podWithoutRunAsNonRootIsReported() {
		assertReported(new PodSecurityCheck(), (manifests) -> {
			podSecurityContext(manifests, "Job", "testapp-smoke").remove("runAsNonRoot");
			containerSecurityContext(manifests, "Job", "testapp-smoke").remove("runAsNonRoot");
		}, "runAsNonRoot is not true");
	}

	@Test
	void rootUserIsReported() {
		assertReported(new PodSecurityCheck(), (manifests) -> podSecurityContext(manifests, "Deployment", "testapp").put("runAsUser", 0),
				"runAsUser is 0");
	}

	@Test
	void missingSeccompProfileIsReported() {
		assertReported(new PodSecurityCheck(), (manifests) -> podSecurityContext(manifests, "Deployment", "testapp").remove("seccompProfile"),
				"seccompProfile.type is null");
	}

	@Test
	void privilegeEscalationIsReported() {
		assertReported(new PodSecurityCheck(), (manifests) -> containerSecurityContext(manifests, "Job", "testapp-smoke")
			.put("allowPrivilegeEscalation", true), "allowPrivilegeEscalation is not false");
	}

	@Test
	void addedCapabilityIsReported() {
		assertReported(new PodSecurityCheck(), (manifests) -> Trees.map(containerSecurityContext(manifests, "Deployment", "testapp")
			.get("capabilities")).put("add", List.of("NET_ADMIN")), "adds capability NET_ADMIN");
	}

	@Test
	void writableRootFilesystemIsReported() {
		assertReported(new PodSecurityCheck(), (manifests) -> containerSecurityContext(manifests, "Deployment", "testapp")
			.put("readOnlyRootFilesystem", false), "readOnlyRootFilesystem is not true");
	}

	@Test
	void hostPathVolumeIsReported() {
		assertReported(new PodSecurityCheck(), (manifests) -> Trees.list(Trees.map(manifests.get("Deployment", "testapp")
			.at("spec", "template", "spec")).get("volumes")).add(Map.of("name", "docker", "hostPath", Map.of("path", "/var/run"))),
				"is a hostPath");
	}

	@Test
	void appNamespaceNotEnforcingRestrictedIsReported() {
		assertReported(new PodSecurityCheck(), (manifests) -> Trees.map(manifests.get("Namespace", "default").at("metadata", "labels"))
			.put("pod-security.kubernetes.io/enforce", "baseline"), "enforces Pod Security 'baseline'");
	}

	@Test
	void vaultPodsRunningAsRootAreReported() {
		assertReported(new PodSecurityCheck(), (manifests) -> Trees.map(manifests.get("Vault", "vault").at("spec", "securityContext"))
			.remove("runAsNonRoot"), "spec.securityContext.runAsNonRoot is not true");
	}

	@ParameterizedTest
	@ValueSource(strings = { "vault-k8s-auth/testapp:latest", "vault-k8s-auth/testapp", "registry:5000/vault-k8s-auth/testapp" })
	void unpinnedAppImageIsReported(String image) {
		assertReported(new ImagePinCheck(), (manifests) -> container(manifests, "Deployment", "testapp").put("image", image),
				"is not pinned");
	}

	@Test
	void digestPinnedImageIsAccepted() {
		assertThat(ImagePinCheck.isPinned("ghcr.io/bank-vaults/bank-vaults@sha256:0123456789abcdef")).isTrue();
		assertThat(ImagePinCheck.isPinned("registry:5000/team/app:1.2.3")).isTrue();
		assertThat(ImagePinCheck.isPinned("registry:5000/team/app")).isFalse();
	}

	@Test
	void vaultImageLeftToTheOperatorDefaultIsReported() {
		assertReported(new ImagePinCheck(), (manifests) -> Trees.map(manifests.get("Vault", "vault").at("spec")).remove("image"),
				"no image set");
	}

	@Test
	void enabledStatsdExporterWithoutPinnedImageIsReported() {
		assertReported(new ImagePinCheck(), (manifests) -> Trees.map(manifests.get("Vault", "vault").at("spec")).remove("statsdDisabled"),
				"statsd exporter enabled");
	}

	@Test
	void floatingEtcdVersionIsReported() {
		assertReported(new ImagePinCheck(), (manifests) -> Trees.map(manifests.get("EtcdCluster", "etcd").at("spec")).put("version", "v3.5"),
				"is not a pinned vX.Y.Z release");
	}

	@Test
	void probeOnANonActuatorPathIsReported() {
		assertReported(new ProbeCheck(), (manifests) -> Trees.map(Trees.at(container(manifests, "Deployment", "testapp"), "readinessProbe",
				"httpGet")).put("path", "/health"), "readinessProbe path is /health");
	}

	@Test
	void livenessProbeOnTheReadinessGroupIsReported() {
		assertReported(new ProbeCheck(), (manifests) -> Trees.map(Trees.at(container(manifests, "Deployment", "testapp"), "livenessProbe",
				"httpGet")).put("path", ProbeCheck.READINESS), "livenessProbe path is /actuator/health/readiness");
	}

	@Test
	void missingStartupProbeIsReported() {
		assertReported(new ProbeCheck(), (manifests) -> container(manifests, "Deployment", "testapp").remove("startupProbe"),
				"has no startupProbe");
	}

	@Test
	void probeOnAnUndeclaredPortIsReported() {
		assertReported(new ProbeCheck(), (manifests) -> Trees.map(Trees.at(container(manifests, "Deployment", "testapp"), "livenessProbe",
				"httpGet")).put("port", "management"), "port management is not a port the container declares");
	}

	private static void assertReported(ManifestCheck check, Consumer<Manifests> mistake, String expectedMessage) {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE);
		assertThat(check.check(manifests)).as("before seeding").isEmpty();
		mistake.accept(manifests);
		assertThat(check.check(manifests)).isNotEmpty()
			.anySatisfy((violation) -> assertThat(violation.toString()).contains(expectedMessage));
	}

	private static Map<String, Object> podSecurityContext(Manifests manifests, String kind, String name) {
		return Trees.map(manifests.get(kind, name).at("spec", "template", "spec", "securityContext"));
	}

	private static Map<String, Object> container(Manifests manifests, String kind, String name) {
		return Trees.maps(manifests.get(kind, name).at("spec", "template", "spec", "containers")).get(0);
	}

	private static Map<String, Object> containerSecurityContext(Manifests manifests, String kind, String name) {
		return Trees.map(container(manifests, kind, name).get("securityContext"));
	}

}
