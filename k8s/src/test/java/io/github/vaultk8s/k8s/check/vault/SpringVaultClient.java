package io.github.vaultk8s.k8s.check.vault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;
import io.github.vaultk8s.k8s.manifest.PodTemplates;

/**
 * A container configured for Spring Cloud Vault's Kubernetes authentication, with its environment
 * resolved from {@code env} and {@code envFrom} ConfigMaps as the kubelet would ({@code env} wins).
 *
 * @param workload the Deployment (or other workload) it belongs to
 * @param podSpec the workload's pod spec
 * @param container the container
 * @param environment its resolved environment variables
 */
public record SpringVaultClient(ManifestObject workload, Map<String, Object> podSpec, Map<String, Object> container,
		Map<String, String> environment) {

	public static final String AUTHENTICATION = "SPRING_CLOUD_VAULT_AUTHENTICATION";

	/** Every container whose environment selects {@code KUBERNETES} authentication. */
	public static List<SpringVaultClient> find(Manifests manifests) {
		List<SpringVaultClient> clients = new ArrayList<>();
		for (ManifestObject workload : manifests.all()) {
			PodTemplates.podSpec(workload).ifPresent((podSpec) -> {
				for (Map<String, Object> container : Trees.maps(podSpec.get("containers"))) {
					Map<String, String> environment = environment(manifests, workload.namespace(), container);
					if ("KUBERNETES".equalsIgnoreCase(environment.get(AUTHENTICATION))) {
						clients.add(new SpringVaultClient(workload, podSpec, container, environment));
					}
				}
			});
		}
		return clients;
	}

	public String namespace() {
		return this.workload.namespace();
	}

	public String serviceAccountName() {
		Object name = this.podSpec.get("serviceAccountName");
		return (name != null) ? name.toString() : "default";
	}

	public String subject() {
		return this.workload.id() + " container " + this.container.get("name");
	}

	/** The environment variable, or the default Spring Cloud Vault would use when it is not set. */
	public String setting(String name, String defaultValue) {
		return this.environment.getOrDefault(name, defaultValue);
	}

	/**
	 * The projected service-account token source whose file is at {@code file} in this container, if a
	 * mounted projected volume puts one there.
	 */
	public Optional<Map<String, Object>> projectedTokenAt(String file) {
		for (Map<String, Object> mount : Trees.maps(this.container.get("volumeMounts"))) {
			Map<String, Object> volume = volume(String.valueOf(mount.get("name")));
			for (Map<String, Object> source : Trees.maps(Trees.at(volume, "projected", "sources"))) {
				Map<String, Object> token = Trees.map(source.get("serviceAccountToken"));
				if (!token.isEmpty() && file.equals(join(mount.get("mountPath"), token.get("path")))) {
					return Optional.of(token);
				}
			}
		}
		return Optional.empty();
	}

	/** The file path at which this container sees {@code key} of Secret {@code secretName}, if mounted. */
	public Optional<String> secretKeyFile(String secretName, String key) {
		for (Map<String, Object> mount : Trees.maps(this.container.get("volumeMounts"))) {
			Map<String, Object> secret = Trees.map(volume(String.valueOf(mount.get("name"))).get("secret"));
			if (!secretName.equals(secret.get("secretName"))) {
				continue;
			}
			List<Map<String, Object>> items = Trees.maps(secret.get("items"));
			if (items.isEmpty()) {
				return Optional.of(join(mount.get("mountPath"), key));
			}
			for (Map<String, Object> item : items) {
				if (key.equals(item.get("key"))) {
					return Optional.of(join(mount.get("mountPath"), item.get("path")));
				}
			}
		}
		return Optional.empty();
	}

	private Map<String, Object> volume(String name) {
		return Trees.maps(this.podSpec.get("volumes"))
			.stream()
			.filter((volume) -> name.equals(volume.get("name")))
			.findFirst()
			.orElse(Map.of());
	}

	private static String join(Object directory, Object file) {
		String dir = String.valueOf(directory);
		return (dir.endsWith("/") ? dir : dir + "/") + file;
	}

	private static Map<String, String> environment(Manifests manifests, String namespace, Map<String, Object> container) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (Map<String, Object> source : Trees.maps(container.get("envFrom"))) {
			Object name = Trees.at(source, "configMapRef", "name");
			if (name != null) {
				String prefix = String.valueOf(source.getOrDefault("prefix", ""));
				manifests.find("ConfigMap", namespace, name.toString())
					.ifPresent((configMap) -> Trees.map(configMap.at("data"))
						.forEach((key, value) -> environment.put(prefix + key, String.valueOf(value))));
			}
		}
		for (Map<String, Object> variable : Trees.maps(container.get("env"))) {
			if (variable.containsKey("value")) {
				environment.put(String.valueOf(variable.get("name")), String.valueOf(variable.get("value")));
			}
		}
		return environment;
	}

}
