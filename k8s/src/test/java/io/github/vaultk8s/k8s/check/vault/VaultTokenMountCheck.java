package io.github.vaultk8s.k8s.check.vault;

import java.util.List;
import java.util.Map;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;

/**
 * The token file the app reads is a projected, audience-bound service-account token mounted into its
 * container at exactly that path, and the pod does not also get the API token it does not need.
 */
public final class VaultTokenMountCheck implements ManifestCheck {

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("vault-token-mount");
		for (SpringVaultClient client : SpringVaultClient.find(manifests)) {
			String tokenFile = client.setting(SpringVaultSettings.TOKEN_FILE, SpringVaultSettings.DEFAULT_TOKEN_FILE);
			if (client.projectedTokenAt(tokenFile).isEmpty()) {
				violations.add(client.subject(), "reads its Vault token from " + tokenFile
						+ ", where no projected serviceAccountToken is mounted (mounts: " + mountPaths(client) + ")");
			}
			if (!Boolean.FALSE.equals(client.podSpec().get("automountServiceAccountToken"))) {
				violations.add(client.subject(),
						"pod mounts the Kubernetes API token: set automountServiceAccountToken: false");
			}
		}
		return violations.list();
	}

	private static List<Object> mountPaths(SpringVaultClient client) {
		return Trees.maps(client.container().get("volumeMounts"))
			.stream()
			.map((Map<String, Object> mount) -> mount.get("mountPath"))
			.toList();
	}

}
