package io.github.vaultk8s.k8s.check.network;

import java.util.Map;

/**
 * What NetworkPolicies select a pod by: its namespace and labels.
 *
 * @param description how violations name the pod
 * @param namespace its namespace
 * @param labels its labels
 */
public record PodIdentity(String description, String namespace, Map<String, String> labels) {

	@Override
	public String toString() {
		return this.description;
	}

}
