package io.github.vaultk8s.k8s.check.vault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;

/**
 * The parts of a bank-vaults {@code Vault} custom resource the cross-checks read.
 *
 * @param vault the Vault object
 */
public record VaultConfiguration(ManifestObject vault) {

	public static Optional<VaultConfiguration> of(Manifests manifests) {
		return manifests.filter((object) -> "Vault".equals(object.kind()) && "vault.banzaicloud.com".equals(object.group()))
			.stream()
			.findFirst()
			.map(VaultConfiguration::new);
	}

	/** The ServiceAccount the Vault pods (and so Vault's TokenReview calls) run as; the operator defaults to "default". */
	public String serviceAccount() {
		Object name = this.vault.at("spec", "serviceAccount");
		return (name != null) ? name.toString() : "default";
	}

	public String namespace() {
		return this.vault.namespace();
	}

	/** Host names in the operator-issued server certificate (the per-pod names aside). */
	public List<String> tlsHostNames() {
		String name = this.vault.name();
		String namespace = namespace();
		List<String> hosts = new ArrayList<>(
				List.of(name, name + "." + namespace, name + "." + namespace + ".svc.cluster.local"));
		Trees.list(this.vault.at("spec", "tlsAdditionalHosts")).forEach((host) -> hosts.add(host.toString()));
		return hosts;
	}

	/** The Secret holding the CA certificate, in Vault's namespace and every namespace in caNamespaces. */
	public String caSecretName() {
		Object existing = this.vault.at("spec", "existingTlsSecretName");
		return (existing != null) ? existing.toString() : this.vault.name() + "-tls";
	}

	public List<String> caNamespaces() {
		return Trees.list(this.vault.at("spec", "caNamespaces")).stream().map(String::valueOf).toList();
	}

	public boolean tlsDisabled() {
		return Boolean.TRUE.equals(this.vault.at("spec", "config", "listener", "tcp", "tls_disable"))
				|| "true".equals(String.valueOf(this.vault.at("spec", "config", "listener", "tcp", "tls_disable")));
	}

	/** Kubernetes auth roles by mount path ({@code path}, defaulting to the type) and role name. */
	public Map<String, Map<String, Map<String, Object>>> kubernetesRoles() {
		Map<String, Map<String, Map<String, Object>>> byPath = new LinkedHashMap<>();
		for (Map<String, Object> auth : Trees.maps(this.vault.at("spec", "externalConfig", "auth"))) {
			if (!"kubernetes".equals(auth.get("type"))) {
				continue;
			}
			String path = String.valueOf(auth.getOrDefault("path", "kubernetes"));
			Map<String, Map<String, Object>> roles = byPath.computeIfAbsent(path, (key) -> new LinkedHashMap<>());
			for (Map<String, Object> role : Trees.maps(auth.get("roles"))) {
				roles.put(String.valueOf(role.get("name")), role);
			}
		}
		return byPath;
	}

	/** Policy name to HCL rules. */
	public Map<String, String> policies() {
		Map<String, String> policies = new LinkedHashMap<>();
		for (Map<String, Object> policy : Trees.maps(this.vault.at("spec", "externalConfig", "policies"))) {
			policies.put(String.valueOf(policy.get("name")), String.valueOf(policy.get("rules")));
		}
		return policies;
	}

	public List<Map<String, Object>> secretsEngines() {
		return Trees.maps(this.vault.at("spec", "externalConfig", "secrets"));
	}

	/** A role's values for a field that Vault accepts as a list or a comma-separated string. */
	public static List<String> listField(Map<String, Object> role, String... names) {
		for (String name : names) {
			Object value = role.get(name);
			if (value instanceof List<?> list) {
				return list.stream().map(String::valueOf).map(String::trim).toList();
			}
			if (value != null) {
				return List.of(value.toString().split("\\s*,\\s*"));
			}
		}
		return List.of();
	}

}
