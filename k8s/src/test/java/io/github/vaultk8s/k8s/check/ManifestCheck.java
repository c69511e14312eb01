package io.github.vaultk8s.k8s.check;

import java.util.List;

import io.github.vaultk8s.k8s.manifest.Manifests;

/**
 * A check over a set of rendered objects.
 */
@FunctionalInterface
public interface ManifestCheck {

	List<Violation> check(Manifests manifests);

}
