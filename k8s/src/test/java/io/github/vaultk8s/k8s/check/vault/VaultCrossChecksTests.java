package io.github.vaultk8s.k8s.check.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.manifest.DeploymentPlan;
import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;
import io.github.vaultk8s.k8s.manifest.RenderedPlans;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vault configuration, the Kubernetes objects and the app's settings agree in every deployment plan;
 * each kind of disagreement, seeded into a copy, is reported.
 */
class VaultCrossChecksTests {

	private static final List<ManifestCheck> CHECKS = List.of(new VaultRoleBindingCheck(), new VaultTokenMountCheck(),
			new VaultTlsTrustCheck(), new KvPolicyCheck("secret", "testapp"), new AuthDelegatorCheck(), new VaultUnsealRbacCheck());

	@ParameterizedTest
	@EnumSource(DeploymentPlan.class)
	void everyPlanPassesEveryCrossCheck(DeploymentPlan plan) {
		Manifests manifests = RenderedPlans.of(plan);
		List<Violation> violations = new ArrayList<>();
		CHECKS.forEach((check) -> violations.addAll(check.check(manifests)));
		assertThat(violations).isEmpty();
		assertThat(SpringVaultClient.find(manifests)).singleElement()
			.satisfies((client) -> assertThat(client.workload().is("Deployment", "testapp")).isTrue());
	}

	@Test
	void roleNameTheAppUsesButVaultLacksIsReported() {
		assertReported(new VaultRoleBindingCheck(), (manifests) -> appConfig(manifests).put("SPRING_CLOUD_VAULT_KUBERNETES_ROLE", "test-app"),
				"logs in with role 'test-app'");
	}

	@Test
	void authPathTheAppUsesButVaultLacksIsReported() {
		assertReported(new VaultRoleBindingCheck(),
				(manifests) -> appConfig(manifests).put("SPRING_CLOUD_VAULT_KUBERNETES_KUBERNETES_PATH", "k8s"), "auth path 'k8s'");
	}

	@Test
	void serviceAccountOutsideTheRoleIsReported() {
		assertReported(new VaultRoleBindingCheck(), (manifests) -> podSpec(manifests).put("serviceAccountName", "testapp-v2"),
				"runs in service account 'testapp-v2'");
	}

	@Test
	void serviceAccountTheManifestsDoNotCreateIsReported() {
		assertReported(new VaultRoleBindingCheck(), (manifests) -> {
			podSpec(manifests).put("serviceAccountName", "builder");
			role(manifests).put("bound_service_account_names", List.of("builder"));
		}, "which the manifests do not create");
	}

	@Test
	void namespaceOutsideTheRoleIsReported() {
		assertReported(new VaultRoleBindingCheck(), (manifests) -> role(manifests).put("bound_service_account_namespaces", "apps"),
				"runs in namespace 'default'");
	}

	@Test
	void wildcardBindingIsReported() {
		assertReported(new VaultRoleBindingCheck(), (manifests) -> role(manifests).put("bound_service_account_names", List.of("*")),
				"contains '*'");
	}

	@Test
	void audienceMismatchIsReported() {
		assertReported(new VaultRoleBindingCheck(), (manifests) -> projectedToken(manifests).put("audience", "https://kubernetes.default.svc"),
				"differs from role 'testapp' audience 'vault'");
	}

	@Test
	void roleWithoutAudienceIsReported() {
		assertReported(new VaultRoleBindingCheck(), (manifests) -> role(manifests).remove("audience"), "sets no audience");
	}

	@Test
	void roleWithoutMaxTtlIsReported() {
		assertReported(new VaultRoleBindingCheck(), (manifests) -> role(manifests).remove("token_max_ttl"), "sets no token_max_ttl");
	}

	@Test
	void tokenFileWhereNoProjectedTokenIsMountedIsReported() {
		assertReported(new VaultTokenMountCheck(), (manifests) -> appConfig(manifests)
			.put("SPRING_CLOUD_VAULT_KUBERNETES_SERVICE_ACCOUNT_TOKEN_FILE", "/var/run/secrets/kubernetes.io/serviceaccount/token"),
				"no projected serviceAccountToken is mounted");
	}

	@Test
	void projectedTokenFileNameMismatchIsReported() {
		assertReported(new VaultTokenMountCheck(), (manifests) -> projectedToken(manifests).put("path", "vault-token"),
				"reads its Vault token from /var/run/secrets/vault/token");
	}

	@Test
	void automountedApiTokenIsReported() {
		assertReported(new VaultTokenMountCheck(), (manifests) -> podSpec(manifests).remove("automountServiceAccountToken"),
				"automountServiceAccountToken: false");
	}

	@Test
	void vaultHostNotInTheCertificateIsReported() {
		assertReported(new VaultTlsTrustCheck(), (manifests) -> appConfig(manifests).put("SPRING_CLOUD_VAULT_URI", "https://vault-0.vault:8200"),
				"host 'vault-0.vault'");
	}

	@Test
	void plainHttpIsReported() {
		assertReported(new VaultTlsTrustCheck(), (manifests) -> appConfig(manifests).put("SPRING_CLOUD_VAULT_URI", "http://vault.vault.svc:8200"),
				"is not https");
	}

	@Test
	void caNotCopiedIntoTheAppNamespaceIsReported() {
		assertReported(new VaultTlsTrustCheck(), (manifests) -> vaultSpec(manifests).remove("caNamespaces"),
				"does not copy the CA into namespace 'default'");
	}

	@Test
	void trustStoreOtherThanTheMountedCaIsReported() {
		assertReported(new VaultTlsTrustCheck(), (manifests) -> appConfig(manifests).put("SPRING_CLOUD_VAULT_SSL_TRUST_STORE", "file:/etc/vault/ca.crt"),
				"Vault's CA is mounted at /etc/vault-ca/ca.crt");
	}

	@Test
	void kvVersionOnePathIsReported() {
		assertReported(new KvPolicyCheck("secret", "testapp"),
				(manifests) -> addPolicyRule(manifests, "path \"secret/testapp/*\" { capabilities = [\"read\"] }"),
				"\"secret/testapp/*\" is not a KV v2 path");
	}

	@Test
	void prefixGlobIsReported() {
		assertReported(new KvPolicyCheck("secret", "testapp"),
				(manifests) -> addPolicyRule(manifests, "path \"secret/data/testapp*\" { capabilities = [\"read\"] }"),
				"also matches e.g. testapp2");
	}

	@Test
	void pathOutsideThePrefixIsReported() {
		assertReported(new KvPolicyCheck("secret", "testapp"),
				(manifests) -> addPolicyRule(manifests, "path \"secret/data/*\" { capabilities = [\"read\"] }"),
				"is not scoped to testapp");
	}

	@Test
	void capabilityBeyondCrudIsReported() {
		assertReported(new KvPolicyCheck("secret", "testapp"),
				(manifests) -> addPolicyRule(manifests, "path \"secret/metadata/testapp/*\" { capabilities = [\"sudo\"] }"),
				"grants 'sudo'");
	}

	@Test
	void missingCrudCapabilityIsReported() {
		assertReported(new KvPolicyCheck("secret", "testapp"), (manifests) -> {
			Map<String, Object> policy = policy(manifests);
			policy.put("rules", String.valueOf(policy.get("rules")).replace("path \"secret/metadata/testapp/*\"", "path \"secret/metadata/testapp/+\""));
		}, "\"secret/metadata/testapp/*\" must grant [list]");
	}

	@Test
	void policyTheRoleGrantsButVaultLacksIsReported() {
		assertReported(new KvPolicyCheck("secret", "testapp"),
				(manifests) -> role(manifests).put("token_policies", List.of("testapp-kv-crud", "testapp-kv-admin")),
				"'testapp-kv-admin', which Vault's externalConfig does not define");
	}

	@Test
	void kvVersionOneMountIsReported() {
		assertReported(new KvPolicyCheck("secret", "testapp"),
				(manifests) -> Trees.map(Trees.maps(manifests.get("Vault", "vault").at("spec", "externalConfig", "secrets"))
					.get(0)
					.get("options")).put("version", 1),
				"is not KV version 2");
	}

	@Test
	void authDelegatorBoundToAnotherServiceAccountIsReported() {
		assertReported(new AuthDelegatorCheck(), (manifests) -> Trees.maps(manifests.get("ClusterRoleBinding", "vault-auth-delegator")
			.at("subjects")).get(0).put("namespace", "default"), "is not bound to ClusterRole system:auth-delegator");
	}

	@Test
	void missingAuthDelegatorBindingIsReported() {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE)
			.without((object) -> object.is("ClusterRoleBinding", "vault-auth-delegator"));
		assertThat(new AuthDelegatorCheck().check(manifests)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("Vault cannot review the app's tokens"));
	}

	@Test
	void authDelegatorGrantedToMoreThanVaultIsReported() {
		assertReported(new AuthDelegatorCheck(), (manifests) -> Trees.list(manifests.get("ClusterRoleBinding", "vault-auth-delegator")
			.at("subjects")).add(Map.of("kind", "ServiceAccount", "name", "testapp", "namespace", "default")),
				"also grants system:auth-delegator to ServiceAccount default/testapp");
	}

	@Test
	void unsealSecretRenamedInTheVaultCrOnlyIsReported() {
		assertReported(new VaultUnsealRbacCheck(), (manifests) -> Trees.map(manifests.get("Vault", "vault")
			.at("spec", "unsealConfig", "kubernetes")).put("secretName", "vault-keys"), "may not 'get' Secret vault/vault-keys");
	}

	@Test
	void unsealRoleBoundToAnotherServiceAccountIsReported() {
		assertReported(new VaultUnsealRbacCheck(), (manifests) -> Trees.maps(manifests.get("RoleBinding", "vault-unseal-keys")
			.at("subjects")).get(0).put("name", "vault-configurer"), "may not 'create' Secret vault/vault-unseal-keys");
	}

	private static void assertReported(ManifestCheck check, Consumer<Manifests> mistake, String expectedMessage) {
		Manifests manifests = RenderedPlans.of(DeploymentPlan.BASE);
		assertThat(check.check(manifests)).as("before seeding").isEmpty();
		mistake.accept(manifests);
		assertThat(check.check(manifests)).isNotEmpty()
			.anySatisfy((violation) -> assertThat(violation.message()).contains(expectedMessage));
	}

	private static Map<String, Object> appConfig(Manifests manifests) {
		return Trees.map(manifests.get("ConfigMap", "testapp-vault").at("data"));
	}

	private static Map<String, Object> podSpec(Manifests manifests) {
		return Trees.map(manifests.get("Deployment", "testapp").at("spec", "template", "spec"));
	}

	private static Map<String, Object> projectedToken(Manifests manifests) {
		for (Map<String, Object> volume : Trees.maps(podSpec(manifests).get("volumes"))) {
			for (Map<String, Object> source : Trees.maps(Trees.at(volume, "projected", "sources"))) {
				if (source.containsKey("serviceAccountToken")) {
					return Trees.map(source.get("serviceAccountToken"));
				}
			}
		}
		throw new IllegalStateException("No projected token");
	}

	private static Map<String, Object> vaultSpec(Manifests manifests) {
		return Trees.map(manifests.get("Vault", "vault").at("spec"));
	}

	private static Map<String, Object> role(Manifests manifests) {
		ManifestObject vault = manifests.get("Vault", "vault");
		return Trees.maps(Trees.maps(vault.at("spec", "externalConfig", "auth")).get(0).get("roles")).get(0);
	}

	private static Map<String, Object> policy(Manifests manifests) {
		return Trees.maps(manifests.get("Vault", "vault").at("spec", "externalConfig", "policies")).get(0);
	}

	private static void addPolicyRule(Manifests manifests, String rule) {
		Map<String, Object> policy = policy(manifests);
		policy.put("rules", policy.get("rules") + "\n" + rule + "\n");
	}

}
