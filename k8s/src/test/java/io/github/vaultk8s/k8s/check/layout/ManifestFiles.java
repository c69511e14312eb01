package io.github.vaultk8s.k8s.check.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.github.vaultk8s.k8s.render.Kustomization;

/**
 * The YAML files and kustomization directories under {@code k8s/}, leaving out the Java module's own
 * directories.
 */
public final class ManifestFiles {

	private static final Set<String> NOT_MANIFESTS = Set.of("src", "target");

	private ManifestFiles() {
	}

	public static List<Path> yamlFiles(Path root) {
		return walk(root).filter(Files::isRegularFile)
			.filter((path) -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
			.toList();
	}

	/** Directories holding a kustomization.yaml (Kustomizations and Components). */
	public static List<Path> kustomizationDirectories(Path root) {
		return walk(root).filter(Files::isDirectory).filter(Kustomization::isKustomizationDirectory).toList();
	}

	private static Stream<Path> walk(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter((path) -> !excluded(root, path)).sorted().toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean excluded(Path root, Path path) {
		Path relative = root.relativize(path);
		if (relative.getNameCount() == 0 || relative.toString().isEmpty()) {
			return false;
		}
		String first = relative.getName(0).toString();
		return NOT_MANIFESTS.contains(first) || first.startsWith(".");
	}

}
