package io.github.vaultk8s.k8s.check.workload;

import java.util.List;
import java.util.Map;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.check.vault.SpringVaultClient;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;

/**
 * The Spring Boot app's probes use Actuator's health groups: startup and liveness on
 * {@code /actuator/health/liveness}, readiness on {@code /actuator/health/readiness}, each on a port the
 * container declares.
 */
public final class ProbeCheck implements ManifestCheck {

	static final String LIVENESS = "/actuator/health/liveness";

	static final String READINESS = "/actuator/health/readiness";

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("probes");
		for (SpringVaultClient app : SpringVaultClient.find(manifests)) {
			checkProbe(violations, app, "startupProbe", LIVENESS);
			checkProbe(violations, app, "livenessProbe", LIVENESS);
			checkProbe(violations, app, "readinessProbe", READINESS);
		}
		return violations.list();
	}

	private static void checkProbe(Violations violations, SpringVaultClient app, String probe, String expectedPath) {
		Map<String, Object> httpGet = Trees.map(Trees.at(app.container(), probe, "httpGet"));
		if (httpGet.isEmpty()) {
			violations.add(app.subject(), "has no " + probe + " with httpGet " + expectedPath);
			return;
		}
		if (!expectedPath.equals(httpGet.get("path"))) {
			violations.add(app.subject(), probe + " path is " + httpGet.get("path") + ", expected " + expectedPath);
		}
		Object port = httpGet.get("port");
		boolean declared = Trees.maps(app.container().get("ports"))
			.stream()
			.anyMatch((candidate) -> String.valueOf(port).equals(String.valueOf(candidate.get("name")))
					|| String.valueOf(port).equals(String.valueOf(candidate.get("containerPort"))));
		if (!declared) {
			violations.add(app.subject(), probe + " port " + port + " is not a port the container declares");
		}
	}

}
