package io.github.vaultk8s.k8s.check.schema;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.manifest.DeploymentPlan;
import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.ManifestPaths;
import io.github.vaultk8s.k8s.manifest.Manifests;
import io.github.vaultk8s.k8s.manifest.RenderedPlans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Built-in kinds bind strictly; Vault and EtcdCluster validate against the upstream CRDs. Each check is
 * also shown to report a seeded mistake.
 */
class SchemaChecksTests {

	static final Set<String> CUSTOM_RESOURCE_GROUPS = Set.of("vault.banzaicloud.com", "operator.etcd.io",
			"monitoring.coreos.com");

	private final BuiltInKindStrictnessCheck builtIn = new BuiltInKindStrictnessCheck(CUSTOM_RESOURCE_GROUPS);

	@ParameterizedTest
	@EnumSource(DeploymentPlan.class)
	void builtInKindsHaveNoUnknownFields(DeploymentPlan plan) {
		assertThat(this.builtIn.check(RenderedPlans.of(plan))).isEmpty();
	}

	@Test
	void unknownFieldInAContainerIsReported() {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE);
		container(manifests).put("imagePullPolicyy", "Always");
		assertThat(this.builtIn.check(manifests)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("imagePullPolicyy")
				.contains("spec.template.spec.containers[0]"));
	}

	@Test
	void valueOfTheWrongTypeIsReported() {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE);
		manifests.get("Deployment", "testapp").content().put("spec", withReplicas(manifests, "two"));
		assertThat(this.builtIn.check(manifests)).isNotEmpty();
	}

	@Test
	void unknownApiVersionOfABuiltInKindIsReported() {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE);
		manifests.get("PodDisruptionBudget", "testapp").content().put("apiVersion", "policy/v1beta2");
		assertThat(this.builtIn.check(manifests)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("policy/v1beta2"));
	}

	@ParameterizedTest
	@EnumSource(DeploymentPlan.class)
	void customResourcesMatchTheirUpstreamCrds(DeploymentPlan plan) {
		CustomResourceSchemaCheck check = crdCheck();
		Manifests manifests = RenderedPlans.of(plan);
		assertThat(check.coveredKinds()).contains("Vault.vault.banzaicloud.com", "EtcdCluster.operator.etcd.io");
		assertThat(check.check(manifests)).isEmpty();
	}

	@Test
	void unknownVaultFieldIsReported() {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE);
		Trees.map(manifests.get("Vault", "vault").at("spec")).put("skipVaultContainerCapabilitiez", true);
		assertThat(crdCheck().check(manifests)).singleElement()
			.satisfies((violation) -> assertThat(violation.toString()).contains("skipVaultContainerCapabilitiez"));
	}

	@Test
	void unknownFieldNestedInAVaultPodSpecIsReported() {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE);
		ManifestObject vault = manifests.get("Vault", "vault");
		Trees.map(vault.at("spec", "vaultContainerSpec", "securityContext")).put("readOnlyRootFileSystem", true);
		assertThat(crdCheck().check(manifests)).singleElement()
			.satisfies((violation) -> assertThat(violation.toString()).contains("readOnlyRootFileSystem"));
	}

	@Test
	void etcdAccessModesAsAListIsReported() {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE);
		Trees.map(manifests.get("EtcdCluster", "etcd").at("spec", "storageSpec"))
			.put("accessModes", List.of("ReadWriteOnce"));
		List<Violation> violations = crdCheck().check(manifests);
		assertThat(violations).singleElement()
			.satisfies((violation) -> assertThat(violation.toString()).contains("accessModes"));
	}

	@Test
	void missingRequiredEtcdVersionIsReported() {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE);
		Trees.map(manifests.get("EtcdCluster", "etcd").at("spec")).remove("version");
		assertThat(crdCheck().check(manifests)).singleElement()
			.satisfies((violation) -> assertThat(violation.toString()).contains("version"));
	}

	@Test
	void unservedCustomResourceVersionIsReported() {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE);
		manifests.get("Vault", "vault").content().put("apiVersion", "vault.banzaicloud.com/v1beta1");
		assertThat(crdCheck().check(manifests)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("v1beta1"));
	}

	private static CustomResourceSchemaCheck crdCheck;

	private static synchronized CustomResourceSchemaCheck crdCheck() {
		Path crds = ManifestPaths.upstreamCrds().orElse(null);
		assumeTrue(crds != null, "Upstream CRDs not found at <repo root>/../shared/reference/crds: CRD schema checks skipped");
		if (crdCheck == null) {
			crdCheck = new CustomResourceSchemaCheck(crds);
		}
		return crdCheck;
	}

	private static Map<String, Object> container(Manifests manifests) {
		return Trees.maps(manifests.get("Deployment", "testapp").at("spec", "template", "spec", "containers")).get(0);
	}

	private static Map<String, Object> withReplicas(Manifests manifests, Object replicas) {
		Map<String, Object> spec = Trees.map(manifests.get("Deployment", "testapp").at("spec"));
		spec.put("replicas", replicas);
		return spec;
	}

}
