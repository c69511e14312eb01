package io.github.vaultk8s.k8s.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where things are: the {@code k8s/} directory (this module) and the upstream CRDs, which live outside
 * the repository at {@code <repo root>/../shared/reference/crds/} and may be absent.
 */
public final class ManifestPaths {

	private ManifestPaths() {
	}

	/** The {@code k8s/} module directory: Maven's basedir, else the working directory. */
	public static Path k8sRoot() {
		String basedir = System.getProperty("basedir");
		Path root = ((basedir != null) ? Path.of(basedir) : Path.of("")).toAbsolutePath().normalize();
		if (!Files.isDirectory(root.resolve("00-namespaces")) && Files.isDirectory(root.resolve("k8s/00-namespaces"))) {
			root = root.resolve("k8s");
		}
		if (!Files.isDirectory(root.resolve("00-namespaces"))) {
			throw new IllegalStateException("Cannot find the k8s/ directory from " + root);
		}
		return root;
	}

	public static Path repositoryRoot() {
		return k8sRoot().getParent();
	}

	/** The directory of upstream CRDs, when the shared reference material sits beside the clone. */
	public static Optional<Path> upstreamCrds() {
		Path crds = repositoryRoot().resolve("../shared/reference/crds").normalize();
		return Files.isDirectory(crds) ? Optional.of(crds) : Optional.empty();
	}

}
