package io.github.vaultk8s.k8s.check.workload;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;
import io.github.vaultk8s.k8s.manifest.PodTemplates;

/**
 * Every pod the manifests define meets the "restricted" Pod Security Standard, plus a read-only root
 * filesystem, and lands in a namespace that enforces "restricted" (when the manifests label that
 * namespace). The Vault CR's pods get the same pod-level and vault-container settings; their namespace is
 * the documented exception (the operator adds IPC_LOCK).
 */
public final class PodSecurityCheck implements ManifestCheck {

	private static final Set<String> ALLOWED_ADDED_CAPABILITIES = Set.of("NET_BIND_SERVICE");

	private static final Set<String> SECCOMP_TYPES = Set.of("RuntimeDefault", "Localhost");

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("pod-security");
		for (ManifestObject workload : manifests.all()) {
			PodTemplates.podSpec(workload).ifPresent((podSpec) -> {
				checkPod(violations, workload, podSpec);
				checkNamespace(violations, manifests, workload);
			});
			if ("Vault".equals(workload.kind())) {
				checkVault(violations, workload);
			}
		}
		return violations.list();
	}

	private static void checkPod(Violations violations, ManifestObject workload, Map<String, Object> podSpec) {
		for (String hostField : List.of("hostNetwork", "hostPID", "hostIPC")) {
			if (Boolean.TRUE.equals(podSpec.get(hostField))) {
				violations.add(workload, hostField + " is true");
			}
		}
		for (Map<String, Object> volume : Trees.maps(podSpec.get("volumes"))) {
			if (volume.containsKey("hostPath")) {
				violations.add(workload, "volume " + volume.get("name") + " is a hostPath");
			}
		}
		Map<String, Object> pod = Trees.map(podSpec.get("securityContext"));
		for (Map<String, Object> container : PodTemplates.allContainers(podSpec)) {
			checkContainer(violations, workload, pod, container);
		}
	}

	private static void checkContainer(Violations violations, ManifestObject workload, Map<String, Object> pod,
			Map<String, Object> container) {
		String subject = workload.id() + " container " + container.get("name");
		Map<String, Object> context = Trees.map(container.get("securityContext"));
		if (!Boolean.TRUE.equals(effective(context, pod, "runAsNonRoot"))) {
			violations.add(subject, "runAsNonRoot is not true (pod or container)");
		}
		Object user = effective(context, pod, "runAsUser");
		if (user != null && "0".equals(user.toString())) {
			violations.add(subject, "runAsUser is 0");
		}
		Object seccomp = Trees.at(context.containsKey("seccompProfile") ? context : pod, "seccompProfile", "type");
		if (seccomp == null || !SECCOMP_TYPES.contains(seccomp.toString())) {
			violations.add(subject, "seccompProfile.type is " + seccomp + ", not RuntimeDefault or Localhost");
		}
		if (!Boolean.FALSE.equals(context.get("allowPrivilegeEscalation"))) {
			violations.add(subject, "allowPrivilegeEscalation is not false");
		}
		if (Boolean.TRUE.equals(context.get("privileged"))) {
			violations.add(subject, "privileged is true");
		}
		if (!Boolean.TRUE.equals(context.get("readOnlyRootFilesystem"))) {
			violations.add(subject, "readOnlyRootFilesystem is not true");
		}
		List<Object> dropped = Trees.list(Trees.at(context, "capabilities", "drop"));
		if (!dropped.contains("ALL")) {
			violations.add(subject, "capabilities.drop does not contain ALL");
		}
		for (Object added : Trees.list(Trees.at(context, "capabilities", "add"))) {
			if (!ALLOWED_ADDED_CAPABILITIES.contains(String.valueOf(added))) {
				violations.add(subject, "adds capability " + added);
			}
		}
	}

	private static Object effective(Map<String, Object> container, Map<String, Object> pod, String field) {
		return container.containsKey(field) ? container.get(field) : pod.get(field);
	}

	private static void checkNamespace(Violations violations, Manifests manifests, ManifestObject workload) {
		Optional<ManifestObject> namespace = manifests.find("Namespace", null, String.valueOf(workload.namespace()));
		namespace.ifPresent((ns) -> {
			Object level = ns.at("metadata", "labels", "pod-security.kubernetes.io/enforce");
			if (!"restricted".equals(level)) {
				violations.add(workload,
						"namespace " + ns.name() + " enforces Pod Security '" + level + "', not 'restricted'");
			}
		});
	}

	private static void checkVault(Violations violations, ManifestObject vault) {
		Map<String, Object> pod = Trees.map(vault.at("spec", "securityContext"));
		if (!Boolean.TRUE.equals(pod.get("runAsNonRoot"))) {
			violations.add(vault, "spec.securityContext.runAsNonRoot is not true");
		}
		Object seccomp = Trees.at(pod, "seccompProfile", "type");
		if (seccomp == null || !SECCOMP_TYPES.contains(seccomp.toString())) {
			violations.add(vault, "spec.securityContext.seccompProfile.type is " + seccomp);
		}
		Map<String, Object> container = Trees.map(vault.at("spec", "vaultContainerSpec", "securityContext"));
		if (!Boolean.FALSE.equals(container.get("allowPrivilegeEscalation"))) {
			violations.add(vault, "vaultContainerSpec.securityContext.allowPrivilegeEscalation is not false");
		}
		if (!Trees.list(Trees.at(container, "capabilities", "drop")).contains("ALL")) {
			violations.add(vault, "vaultContainerSpec.securityContext.capabilities.drop does not contain ALL");
		}
	}

}
