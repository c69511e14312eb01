package io.github.vaultk8s.k8s.check.workload;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.check.vault.SpringVaultClient;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;

/**
 * The endpoints the manifests probe and scrape exist in the app as configured by its
 * {@code application.yaml}: health probes not disabled, Actuator at {@code /actuator} on the server port
 * the container declares (no separate management port), and {@code prometheus} exposed when a
 * ServiceMonitor scrapes it.
 */
public final class AppActuatorCheck implements ManifestCheck {

	private final Map<String, String> properties;

	/** @param applicationYaml the app's parsed {@code application.yaml} */
	public AppActuatorCheck(Map<String, Object> applicationYaml) {
		this.properties = new LinkedHashMap<>();
		flatten("", applicationYaml, this.properties);
	}

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("app-actuator");
		if ("false".equals(this.properties.get("management.endpoint.health.probes.enabled"))) {
			violations.add("application.yaml",
					"management.endpoint.health.probes.enabled is false: the probe paths do not exist");
		}
		String basePath = this.properties.getOrDefault("management.endpoints.web.base-path", "/actuator");
		if (!basePath.equals("/actuator")) {
			violations.add("application.yaml", "Actuator is at " + basePath + ", the probes expect /actuator");
		}
		String serverPort = this.properties.getOrDefault("server.port", "8080");
		String managementPort = this.properties.getOrDefault("management.server.port", serverPort);
		if (!managementPort.equals(serverPort)) {
			violations.add("application.yaml",
					"Actuator runs on management port " + managementPort + ", the probes use the server port");
		}
		for (SpringVaultClient app : SpringVaultClient.find(manifests)) {
			boolean declared = Trees.maps(app.container().get("ports"))
				.stream()
				.anyMatch((port) -> serverPort.equals(String.valueOf(port.get("containerPort"))));
			if (!declared) {
				violations.add(app.subject(), "does not declare the app's server port " + serverPort);
			}
		}
		String include = this.properties.getOrDefault("management.endpoints.web.exposure.include", "health");
		List<String> exposed = Arrays.stream(include.split(",")).map(String::trim).toList();
		if (!manifests.ofKind("ServiceMonitor").isEmpty() && !exposed.contains("prometheus") && !exposed.contains("*")) {
			violations.add("application.yaml",
					"a ServiceMonitor scrapes /actuator/prometheus but the app exposes only " + exposed);
		}
		return violations.list();
	}

	private static void flatten(String prefix, Object node, Map<String, String> into) {
		if (node instanceof Map<?, ?> map) {
			Trees.map(map).forEach((key, value) -> flatten(prefix.isEmpty() ? key : prefix + "." + key, value, into));
		}
		else if (node instanceof List<?> list) {
			into.put(prefix, String.join(",", list.stream().map(String::valueOf).toList()));
		}
		else if (node != null) {
			into.put(prefix, node.toString());
		}
	}

}
