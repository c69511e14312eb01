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
 * Vault can review the app's tokens: with no reviewer JWT configured Vault calls the TokenReview API as
 * its own ServiceAccount, so that ServiceAccount (created by the manifests) must be bound to
 * {@code system:auth-delegator}, and nothing else should be.
 */
public final class AuthDelegatorCheck implements ManifestCheck {

	private static final String AUTH_DELEGATOR = "system:auth-delegator";

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("auth-delegator");
		Optional<VaultConfiguration> found = VaultConfiguration.of(manifests);
		if (found.isEmpty()) {
			violations.add("manifests", "no Vault custom resource");
			return violations.list();
		}
		VaultConfiguration vault = found.get();
		if (manifests.find("ServiceAccount", vault.namespace(), vault.serviceAccount()).isEmpty()) {
			violations.add(vault.vault(), "runs as ServiceAccount " + vault.namespace() + "/" + vault.serviceAccount()
					+ ", which the manifests do not create");
		}
		boolean bound = false;
		for (ManifestObject binding : manifests.ofKind("ClusterRoleBinding")) {
			if (!"ClusterRole".equals(binding.at("roleRef", "kind"))
					|| !AUTH_DELEGATOR.equals(binding.at("roleRef", "name"))) {
				continue;
			}
			for (Map<String, Object> subject : Trees.maps(binding.at("subjects"))) {
				boolean isVault = "ServiceAccount".equals(subject.get("kind"))
						&& vault.serviceAccount().equals(subject.get("name"))
						&& vault.namespace().equals(subject.get("namespace"));
				if (isVault) {
					bound = true;
				}
				else {
					violations.add(binding, "also grants " + AUTH_DELEGATOR + " to " + subject.get("kind") + " "
							+ subject.get("namespace") + "/" + subject.get("name"));
				}
			}
		}
		if (!bound) {
			violations.add(vault.vault(), "ServiceAccount " + vault.namespace() + "/" + vault.serviceAccount()
					+ " is not bound to ClusterRole " + AUTH_DELEGATOR + ": Vault cannot review the app's tokens");
		}
		return violations.list();
	}

}
