package io.github.vaultk8s.k8s.check.vault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;

/**
 * With Kubernetes-secret unseal, the bank-vaults unsealer (running as Vault's ServiceAccount) can create
 * the Secret the CR names and then get and update it, through a Role bound to that ServiceAccount in the
 * Secret's namespace. Renaming the Secret in one place only would leave Vault sealed.
 */
public final class VaultUnsealRbacCheck implements ManifestCheck {

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("vault-unseal-rbac");
		Optional<VaultConfiguration> found = VaultConfiguration.of(manifests);
		if (found.isEmpty()) {
			violations.add("manifests", "no Vault custom resource");
			return violations.list();
		}
		VaultConfiguration vault = found.get();
		Map<String, Object> kubernetes = Trees.map(vault.vault().at("spec", "unsealConfig", "kubernetes"));
		boolean otherUnseal = Trees.map(vault.vault().at("spec", "unsealConfig")).keySet().stream()
			.anyMatch((key) -> !key.equals("kubernetes") && !key.equals("options"));
		if (kubernetes.isEmpty() && otherUnseal) {
			return violations.list();
		}
		String namespace = String.valueOf(kubernetes.getOrDefault("secretNamespace", vault.namespace()));
		String secret = String.valueOf(kubernetes.getOrDefault("secretName", vault.vault().name() + "-unseal-keys"));
		for (String verb : List.of("create", "get", "update")) {
			if (!granted(manifests, vault, namespace, secret, verb)) {
				violations.add(vault.vault(), "ServiceAccount " + vault.namespace() + "/" + vault.serviceAccount()
						+ " may not '" + verb + "' Secret " + namespace + "/" + secret
						+ ", where bank-vaults keeps the unseal keys");
			}
		}
		return violations.list();
	}

	private static boolean granted(Manifests manifests, VaultConfiguration vault, String namespace, String secret,
			String verb) {
		for (ManifestObject binding : manifests.ofKind("RoleBinding")) {
			if (!namespace.equals(binding.namespace()) || !"Role".equals(binding.at("roleRef", "kind"))
					|| !bindsVault(binding, vault)) {
				continue;
			}
			Optional<ManifestObject> role = manifests.find("Role", namespace, String.valueOf(binding.at("roleRef", "name")));
			if (role.isPresent() && allows(role.get(), secret, verb)) {
				return true;
			}
		}
		return false;
	}

	private static boolean bindsVault(ManifestObject binding, VaultConfiguration vault) {
		return Trees.maps(binding.at("subjects")).stream().anyMatch((subject) -> "ServiceAccount".equals(subject.get("kind"))
				&& vault.serviceAccount().equals(subject.get("name")) && vault.namespace().equals(subject.get("namespace")));
	}

	private static boolean allows(ManifestObject role, String secret, String verb) {
		for (Map<String, Object> rule : Trees.maps(role.at("rules"))) {
			List<Object> names = Trees.list(rule.get("resourceNames"));
			List<Object> resources = Trees.list(rule.get("resources"));
			List<Object> verbs = Trees.list(rule.get("verbs"));
			boolean matches = Trees.list(rule.get("apiGroups")).contains("")
					&& (resources.contains("secrets") || resources.contains("*"))
					&& (verbs.contains(verb) || verbs.contains("*"))
					// RBAC cannot restrict "create" by name: a create rule with resourceNames never matches
					&& (names.isEmpty() || (!verb.equals("create") && names.contains(secret)));
			if (matches) {
				return true;
			}
		}
		return false;
	}

}
