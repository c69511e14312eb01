package io.github.vaultk8s.k8s.check.network;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.vaultk8s.k8s.manifest.DeploymentPlan;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;
import io.github.vaultk8s.k8s.manifest.RenderedPlans;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network policies open what the deployment needs and shut the rest, in every plan; a seeded policy
 * mistake of each kind is reported.
 */
class NetworkPathCheckTests {

	private final NetworkPathCheck check = new NetworkPathCheck();

	@ParameterizedTest
	@EnumSource(DeploymentPlan.class)
	void everyPlanOpensTheNeededPathsOnly(DeploymentPlan plan) {
		assertThat(this.check.check(RenderedPlans.of(plan))).isEmpty();
	}

	@Test
	void vaultPolicyNamingTheAppByAnotherLabelIsReported() {
		assertReported((manifests) -> Trees.map(Trees.at(ingressPeers(manifests, "vault-server", 0).get(2), "podSelector", "matchLabels"))
			.put("app.kubernetes.io/name", "test-app"), "cannot reach Vault pods on 8200/TCP");
	}

	@Test
	void appEgressToTheWrongVaultPortIsReported() {
		assertReported((manifests) -> Trees.maps(egressRules(manifests, "testapp").get(0).get("ports")).get(0).put("port", 8201),
				"cannot reach Vault pods on 8200/TCP");
	}

	@Test
	void appEgressWithoutDnsIsReported() {
		assertReported((manifests) -> egressRules(manifests, "testapp").remove(1), "cannot reach cluster DNS on 53/UDP");
	}

	@Test
	void smokeJobWithoutTheClientLabelIsReported() {
		assertReported((manifests) -> Trees.map(manifests.get("Job", "testapp-smoke").at("spec", "template", "metadata", "labels"))
			.remove("vault-k8s-auth/testapp-client"), "cannot reach Deployment default/testapp");
	}

	@Test
	void appIngressOpenToEveryPodIsReported() {
		assertReported((manifests) -> Trees.maps(policy(manifests, "testapp").get("ingress")).get(0).remove("from"),
				"reachable from an unrelated pod in namespace default on 8080/TCP");
	}

	@Test
	void appWithoutEgressPolicyIsReported() {
		assertReported((manifests) -> {
			policy(manifests, "testapp").put("policyTypes", List.of("Ingress"));
			policy(manifests, "testapp").remove("egress");
		}, "no NetworkPolicy restricts its egress");
	}

	@Test
	void etcdPolicyAdmittingTheWrongNamespaceIsReported() {
		assertReported((manifests) -> Trees.map(Trees.at(ingressPeers(manifests, "etcd", 0).get(0), "namespaceSelector", "matchLabels"))
			.put("kubernetes.io/metadata.name", "vault-system"), "Vault pods: cannot reach etcd pods on 2379/TCP");
	}

	@Test
	void vaultOpenToTheWholeAppNamespaceIsReported() {
		assertReported((manifests) -> Trees.map(ingressPeers(manifests, "vault-server", 0).get(2)).remove("podSelector"),
				"reachable from an unrelated pod in namespace default on 8200/TCP");
	}

	@Test
	void selectorOperatorsFollowTheApi() {
		Map<String, String> labels = Map.of("app", "vault", "tier", "data");
		assertThat(NetworkPolicyModel.selectorMatches(Map.of(), labels)).isTrue();
		assertThat(NetworkPolicyModel.selectorMatches(Map.of("matchExpressions",
				List.of(Map.of("key", "tier", "operator", "In", "values", List.of("data", "cache")))), labels)).isTrue();
		assertThat(NetworkPolicyModel.selectorMatches(Map.of("matchExpressions",
				List.of(Map.of("key", "tier", "operator", "NotIn", "values", List.of("data")))), labels)).isFalse();
		assertThat(NetworkPolicyModel.selectorMatches(Map.of("matchExpressions",
				List.of(Map.of("key", "zone", "operator", "DoesNotExist"))), labels)).isTrue();
		assertThat(NetworkPolicyModel.selectorMatches(Map.of("matchLabels", Map.of("app", "etcd")), labels)).isFalse();
	}

	private void assertReported(Consumer<Manifests> mistake, String expectedMessage) {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE);
		assertThat(this.check.check(manifests)).as("before seeding").isEmpty();
		mistake.accept(manifests);
		assertThat(this.check.check(manifests)).isNotEmpty()
			.anySatisfy((violation) -> assertThat(violation.toString()).contains(expectedMessage));
	}

	private static Map<String, Object> policy(Manifests manifests, String name) {
		return Trees.map(manifests.get("NetworkPolicy", name).at("spec"));
	}

	private static List<Map<String, Object>> egressRules(Manifests manifests, String name) {
		return castRules(policy(manifests, name).get("egress"));
	}

	/** The list itself (not a copy), so that a test can change it. */
	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> castRules(Object rules) {
		return (List<Map<String, Object>>) rules;
	}

	private static List<Map<String, Object>> ingressPeers(Manifests manifests, String name, int rule) {
		return castRules(Trees.maps(policy(manifests, name).get("ingress")).get(rule).get("from"));
	}

}
