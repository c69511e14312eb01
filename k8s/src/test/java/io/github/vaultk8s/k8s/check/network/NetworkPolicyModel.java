package io.github.vaultk8s.k8s.check.network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;

/**
 * Evaluates the NetworkPolicies of a set of manifests the way the API defines them: a pod selected by no
 * policy of a direction is open in that direction; once selected, only what some rule allows passes, and
 * a connection needs both the sender's egress and the receiver's ingress. ipBlock peers never match a pod
 * here (pod addresses are not known offline).
 */
public final class NetworkPolicyModel {

	private final List<ManifestObject> policies;

	private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();

	public NetworkPolicyModel(Manifests manifests) {
		this.policies = manifests.ofKind("NetworkPolicy");
		for (ManifestObject namespace : manifests.ofKind("Namespace")) {
			this.namespaceLabels.put(namespace.name(), strings(Trees.map(namespace.at("metadata", "labels"))));
		}
	}

	/** Whether {@code from} may connect to {@code to} on {@code port}/{@code protocol}. */
	public boolean allows(PodIdentity from, PodIdentity to, int port, String protocol) {
		return allowed(from, to, port, protocol, "Egress", "egress", "to")
				&& allowed(to, from, port, protocol, "Ingress", "ingress", "from");
	}

	/** Whether any policy selects the pod for the direction ("Ingress" or "Egress"). */
	public boolean isolates(PodIdentity pod, String policyType) {
		return this.policies.stream().anyMatch((policy) -> selects(policy, pod, policyType));
	}

	private boolean allowed(PodIdentity subject, PodIdentity peer, int port, String protocol, String policyType,
			String rulesField, String peersField) {
		boolean isolated = false;
		for (ManifestObject policy : this.policies) {
			if (!selects(policy, subject, policyType)) {
				continue;
			}
			isolated = true;
			for (Map<String, Object> rule : Trees.maps(policy.at("spec", rulesField))) {
				if (portMatches(rule, port, protocol) && peerMatches(rule.get(peersField), peer, policy.namespace())) {
					return true;
				}
			}
		}
		return !isolated;
	}

	private boolean selects(ManifestObject policy, PodIdentity pod, String policyType) {
		if (!pod.namespace().equals(policy.namespace())) {
			return false;
		}
		List<Object> types = Trees.list(policy.at("spec", "policyTypes"));
		boolean applies = types.isEmpty() ? (policyType.equals("Ingress") || policy.at("spec", "egress") != null)
				: types.contains(policyType);
		return applies && selectorMatches(Trees.map(policy.at("spec", "podSelector")), pod.labels());
	}

	private static boolean portMatches(Map<String, Object> rule, int port, String protocol) {
		List<Map<String, Object>> ports = Trees.maps(rule.get("ports"));
		return ports.isEmpty() || ports.stream().anyMatch((candidate) -> {
			Object number = candidate.get("port");
			Object endPort = candidate.get("endPort");
			String candidateProtocol = String.valueOf(candidate.getOrDefault("protocol", "TCP"));
			boolean inRange = number == null || String.valueOf(port).equals(String.valueOf(number))
					|| (endPort != null && number instanceof Integer start && port >= start && port <= (Integer) endPort);
			return inRange && candidateProtocol.equals(protocol);
		});
	}

	private boolean peerMatches(Object peers, PodIdentity pod, String policyNamespace) {
		if (peers == null) {
			return true; // no from/to: every peer
		}
		for (Map<String, Object> peer : Trees.maps(peers)) {
			if (peer.containsKey("ipBlock")) {
				continue;
			}
			Object namespaceSelector = peer.get("namespaceSelector");
			boolean namespaceMatches = (namespaceSelector == null) ? pod.namespace().equals(policyNamespace)
					: selectorMatches(Trees.map(namespaceSelector), labelsOfNamespace(pod.namespace()));
			Object podSelector = peer.get("podSelector");
			if (namespaceMatches && (podSelector == null || selectorMatches(Trees.map(podSelector), pod.labels()))) {
				return true;
			}
		}
		return false;
	}

	private Map<String, String> labelsOfNamespace(String namespace) {
		Map<String, String> labels = new HashMap<>(this.namespaceLabels.getOrDefault(namespace, Map.of()));
		labels.put("kubernetes.io/metadata.name", namespace);
		return labels;
	}

	static boolean selectorMatches(Map<String, Object> selector, Map<String, String> labels) {
		for (Map.Entry<String, Object> required : Trees.map(selector.get("matchLabels")).entrySet()) {
			if (!String.valueOf(required.getValue()).equals(labels.get(required.getKey()))) {
				return false;
			}
		}
		for (Map<String, Object> expression : Trees.maps(selector.get("matchExpressions"))) {
			String value = labels.get(String.valueOf(expression.get("key")));
			List<String> values = Trees.list(expression.get("values")).stream().map(String::valueOf).toList();
			boolean matches = switch (String.valueOf(expression.get("operator"))) {
				case "In" -> value != null && values.contains(value);
				case "NotIn" -> value == null || !values.contains(value);
				case "Exists" -> value != null;
				case "DoesNotExist" -> value == null;
				default -> throw new IllegalArgumentException("Unknown selector operator " + expression.get("operator"));
			};
			if (!matches) {
				return false;
			}
		}
		return true;
	}

	static Map<String, String> strings(Map<String, Object> map) {
		Map<String, String> strings = new HashMap<>();
		map.forEach((key, value) -> strings.put(key, String.valueOf(value)));
		return strings;
	}

}
