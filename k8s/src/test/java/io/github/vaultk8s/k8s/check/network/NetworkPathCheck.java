package io.github.vaultk8s.k8s.check.network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.check.vault.SpringVaultClient;
import io.github.vaultk8s.k8s.check.vault.VaultConfiguration;
import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;
import io.github.vaultk8s.k8s.manifest.PodTemplates;

/**
 * The network policies leave open exactly the paths the deployment needs: the app to Vault (8200) and
 * DNS, the smoke Job to the app, the configurer to Vault, Vault to its peers (8201) and to etcd (2379),
 * etcd to its peers (2380); and they shut the rest that matters: the app's egress and ingress are
 * isolated, and an unrelated pod reaches neither the app, nor Vault, nor etcd. Pod labels of the
 * operator-made pods are the ones vault-operator and etcd-operator set.
 */
public final class NetworkPathCheck implements ManifestCheck {

	private static final PodIdentity CLUSTER_DNS = new PodIdentity("cluster DNS", "kube-system",
			Map.of("k8s-app", "kube-dns"));

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("network-paths");
		Optional<VaultConfiguration> found = VaultConfiguration.of(manifests);
		if (found.isEmpty()) {
			violations.add("manifests", "no Vault custom resource");
			return violations.list();
		}
		NetworkPolicyModel model = new NetworkPolicyModel(manifests);
		ManifestObject vault = found.get().vault();
		PodIdentity vaultPods = operatorPod("Vault pods", vault, "vault", "vaultLabels");
		PodIdentity configurer = operatorPod("vault-configurer", vault, "vault-configurator", "vaultConfigurerLabels");
		require(violations, model, configurer, vaultPods, 8200, "TCP");
		require(violations, model, vaultPods, vaultPods, 8201, "TCP");
		for (ManifestObject etcd : manifests.ofKind("EtcdCluster")) {
			PodIdentity etcdPods = new PodIdentity("etcd pods", etcd.namespace(),
					Map.of("app", etcd.name(), "controller", etcd.name()));
			require(violations, model, vaultPods, etcdPods, 2379, "TCP");
			require(violations, model, etcdPods, etcdPods, 2380, "TCP");
			forbid(violations, model, stranger("default"), etcdPods, 2379);
		}
		for (SpringVaultClient client : SpringVaultClient.find(manifests)) {
			PodIdentity app = new PodIdentity(client.subject(), client.namespace(),
					NetworkPolicyModel.strings(PodTemplates.podLabels(client.workload())));
			require(violations, model, app, vaultPods, 8200, "TCP");
			require(violations, model, app, CLUSTER_DNS, 53, "UDP");
			for (String direction : List.of("Ingress", "Egress")) {
				if (!model.isolates(app, direction)) {
					violations.add(client.subject(), "no NetworkPolicy restricts its " + direction.toLowerCase());
				}
			}
			forbid(violations, model, stranger(client.namespace()), vaultPods, 8200);
			forbid(violations, model, app, stranger("elsewhere"), 443);
			int port = httpPort(client);
			forbid(violations, model, stranger(client.namespace()), app, port);
			for (ManifestObject job : manifests.ofKind("Job")) {
				PodIdentity jobPod = new PodIdentity(job.id(), job.namespace(),
						NetworkPolicyModel.strings(PodTemplates.podLabels(job)));
				require(violations, model, jobPod, app, port, "TCP");
			}
		}
		return violations.list();
	}

	private static PodIdentity operatorPod(String description, ManifestObject vault, String name, String extraLabelsField) {
		Map<String, String> labels = new HashMap<>(
				NetworkPolicyModel.strings(Trees.map(vault.at("spec", extraLabelsField))));
		labels.put("app.kubernetes.io/name", name);
		labels.put("vault_cr", vault.name());
		return new PodIdentity(description, vault.namespace(), labels);
	}

	private static PodIdentity stranger(String namespace) {
		return new PodIdentity("an unrelated pod in namespace " + namespace, namespace, Map.of());
	}

	private static int httpPort(SpringVaultClient client) {
		List<Map<String, Object>> ports = Trees.maps(client.container().get("ports"));
		return ports.stream()
			.filter((port) -> "http".equals(port.get("name")))
			.findFirst()
			.or(() -> ports.stream().findFirst())
			.map((port) -> Integer.parseInt(String.valueOf(port.get("containerPort"))))
			.orElse(8080);
	}

	private static void require(Violations violations, NetworkPolicyModel model, PodIdentity from, PodIdentity to, int port,
			String protocol) {
		if (!model.allows(from, to, port, protocol)) {
			violations.add(from.description(), "cannot reach " + to + " on " + port + "/" + protocol);
		}
	}

	private static void forbid(Violations violations, NetworkPolicyModel model, PodIdentity from, PodIdentity to, int port) {
		if (model.allows(from, to, port, "TCP")) {
			violations.add(to.description(), "reachable from " + from + " on " + port + "/TCP");
		}
	}

}
