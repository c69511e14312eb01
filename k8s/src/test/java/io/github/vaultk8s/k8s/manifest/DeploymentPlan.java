package io.github.vaultk8s.k8s.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The kustomizations one run of {@code deploy.sh} applies, in order, for each supported variant. The
 * Vault configuration (stage 03) is a component of the Vault CR rendered in stage 02.
 */
public enum DeploymentPlan {

	/** Vault on etcd, Kubernetes-secret unseal. */
	BASE("00-namespaces", "01-operators", "02-clusters/base", "04-testapp", "05-smoke"),

	/** Vault on Raft storage instead of etcd. */
	RAFT("00-namespaces", "01-operators", "02-clusters/overlays/raft", "04-testapp", "05-smoke"),

	/** OCI KMS auto-unseal. */
	OCI_KMS("00-namespaces", "01-operators", "02-clusters/overlays/oci-kms", "04-testapp", "05-smoke"),

	/** With the app's ServiceMonitor. */
	MONITORING("00-namespaces", "01-operators", "02-clusters/base", "overlays/monitoring/04-testapp", "05-smoke"),

	/** Oracle Kubernetes Engine: OCIR image, pull secret, OCI load balancer, block volumes. */
	OKE("00-namespaces", "01-operators", "overlays/oke/02-clusters", "overlays/oke/04-testapp", "05-smoke");

	private final List<String> stages;

	DeploymentPlan(String... stages) {
		this.stages = List.of(stages);
	}

	/** Kustomization directories relative to {@code k8s/}, in apply order. */
	public List<String> stages() {
		return this.stages;
	}

	/** Everything the plan applies, rendered stage by stage and joined. */
	public Manifests render(Path k8sRoot, Function<Path, Manifests> renderer) {
		List<ManifestObject> objects = new ArrayList<>();
		for (String stage : this.stages) {
			objects.addAll(renderer.apply(k8sRoot.resolve(stage)).all());
		}
		return new Manifests(objects);
	}

}
