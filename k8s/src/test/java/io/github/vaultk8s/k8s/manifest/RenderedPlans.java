package io.github.vaultk8s.k8s.manifest;

import java.util.EnumMap;
import java.util.Map;

import io.github.vaultk8s.k8s.render.KustomizeRenderer;

/**
 * The rendered objects of each deployment plan, rendered once per test run (by the in-JVM renderer, so
 * the checks run where kubectl is absent). Callers get a deep copy they may change.
 */
public final class RenderedPlans {

	private static final Map<DeploymentPlan, Manifests> RENDERED = new EnumMap<>(DeploymentPlan.class);

	private RenderedPlans() {
	}

	public static synchronized Manifests of(DeploymentPlan plan) {
		return RENDERED.computeIfAbsent(plan, (key) -> key.render(ManifestPaths.k8sRoot(), new KustomizeRenderer()::render))
			.copy();
	}

}
