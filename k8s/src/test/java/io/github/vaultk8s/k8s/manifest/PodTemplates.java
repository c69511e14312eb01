package io.github.vaultk8s.k8s.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;

/**
 * Finds the pod spec inside the built-in workload kinds.
 */
public final class PodTemplates {

	private PodTemplates() {
	}

	/** The pod spec of a Pod, a workload with a pod template, or a CronJob; empty for other kinds. */
	public static Optional<Map<String, Object>> podSpec(ManifestObject object) {
		Object spec = switch (String.valueOf(object.kind())) {
			case "Pod" -> object.at("spec");
			case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> object.at("spec", "template", "spec");
			case "CronJob" -> object.at("spec", "jobTemplate", "spec", "template", "spec");
			default -> null;
		};
		return (spec instanceof Map<?, ?>) ? Optional.of(Trees.map(spec)) : Optional.empty();
	}

	/** Init containers and containers of a pod spec. */
	public static List<Map<String, Object>> allContainers(Map<String, Object> podSpec) {
		List<Map<String, Object>> containers = new ArrayList<>(Trees.maps(podSpec.get("initContainers")));
		containers.addAll(Trees.maps(podSpec.get("containers")));
		return containers;
	}

	/** Pod labels of a workload's template (or the Pod's own labels). */
	public static Map<String, Object> podLabels(ManifestObject object) {
		Object labels = "Pod".equals(object.kind()) ? object.at("metadata", "labels")
				: object.at("spec", "template", "metadata", "labels");
		return Trees.map(labels);
	}

}
