package io.github.vaultk8s.k8s.check.vault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.Manifests;

/**
 * The app's Kubernetes login can succeed: the role it names exists at the auth path it uses, is bound to
 * exactly the ServiceAccount and namespace the pod runs as (no "*"), requires an audience that the
 * projected token carries, and limits its tokens' TTL and max TTL.
 */
public final class VaultRoleBindingCheck implements ManifestCheck {

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("vault-role-binding");
		Optional<VaultConfiguration> found = VaultConfiguration.of(manifests);
		List<SpringVaultClient> clients = SpringVaultClient.find(manifests);
		if (found.isEmpty() || clients.isEmpty()) {
			violations.add("manifests", found.isEmpty() ? "no Vault custom resource"
					: "no container configured for Spring Cloud Vault KUBERNETES authentication");
			return violations.list();
		}
		VaultConfiguration vault = found.get();
		for (SpringVaultClient client : clients) {
			String path = client.setting(SpringVaultSettings.AUTH_PATH, SpringVaultSettings.DEFAULT_AUTH_PATH);
			Map<String, Map<String, Object>> roles = vault.kubernetesRoles().get(path);
			if (roles == null) {
				violations.add(client.subject(), "uses auth path '" + path + "' but Vault configures Kubernetes auth at "
						+ vault.kubernetesRoles().keySet());
				continue;
			}
			String roleName = client.setting(SpringVaultSettings.ROLE, "");
			Map<String, Object> role = roles.get(roleName);
			if (role == null) {
				violations.add(client.subject(), "logs in with role '" + roleName + "' but auth/" + path + " defines roles "
						+ roles.keySet());
				continue;
			}
			checkBinding(violations, client, role, "bound_service_account_names", client.serviceAccountName(),
					"service account");
			checkBinding(violations, client, role, "bound_service_account_namespaces", client.namespace(), "namespace");
			if (manifests.find("ServiceAccount", client.namespace(), client.serviceAccountName()).isEmpty()) {
				violations.add(client.subject(), "runs as ServiceAccount " + client.namespace() + "/"
						+ client.serviceAccountName() + ", which the manifests do not create");
			}
			checkAudience(violations, client, roleName, role);
			for (String[] ttl : new String[][] { { "token_ttl", "ttl" }, { "token_max_ttl", "max_ttl" } }) {
				if (role.get(ttl[0]) == null && role.get(ttl[1]) == null) {
					violations.add(client.subject(), "role '" + roleName + "' sets no " + ttl[0]
							+ ": its tokens get the mount default (32 days)");
				}
			}
		}
		return violations.list();
	}

	private static void checkBinding(Violations violations, SpringVaultClient client, Map<String, Object> role,
			String field, String actual, String what) {
		List<String> bound = VaultConfiguration.listField(role, field);
		if (bound.contains("*")) {
			violations.add(client.subject(), "role '" + role.get("name") + "' " + field + " contains '*': any " + what
					+ " may log in");
		}
		else if (!bound.contains(actual)) {
			violations.add(client.subject(), "runs in " + what + " '" + actual + "' but role '" + role.get("name")
					+ "' is bound to " + field + " " + bound);
		}
	}

	private static void checkAudience(Violations violations, SpringVaultClient client, String roleName,
			Map<String, Object> role) {
		Object audience = role.get("audience");
		if (audience == null || audience.toString().isBlank()) {
			violations.add(client.subject(), "role '" + roleName
					+ "' sets no audience: any token of the service account, for any audience, logs in");
			return;
		}
		String tokenFile = client.setting(SpringVaultSettings.TOKEN_FILE, SpringVaultSettings.DEFAULT_TOKEN_FILE);
		client.projectedTokenAt(tokenFile).ifPresent((token) -> {
			if (!audience.equals(token.get("audience"))) {
				violations.add(client.subject(), "projected token audience '" + token.get("audience")
						+ "' differs from role '" + roleName + "' audience '" + audience + "'");
			}
		});
	}

}
