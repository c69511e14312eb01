package io.github.vaultk8s.k8s.check.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.YamlDocuments;
import io.github.vaultk8s.k8s.render.Kustomization;

/**
 * Every reference in every kustomization resolves without a network: {@code resources} to a file or a
 * kustomization directory, {@code components} to a Component directory, {@code patches} to a file; no
 * remote URL (those are what deploy.sh installs, by version).
 */
public final class KustomizationReferenceCheck {

	private static final Pattern REMOTE = Pattern.compile("^(https?://|git@|ssh://|github\\.com/|gitlab\\.com/)");

	public List<Violation> check(Path root) {
		Violations violations = new Violations("kustomization-references");
		for (Path directory : ManifestFiles.kustomizationDirectories(root)) {
			String subject = root.relativize(directory.resolve(Kustomization.FILE_NAME)).toString();
			Map<String, Object> content;
			try {
				content = YamlDocuments.read(directory.resolve(Kustomization.FILE_NAME)).get(0);
			}
			catch (RuntimeException ex) {
				violations.add(subject, "does not parse");
				continue;
			}
			for (Object resource : Trees.list(content.get("resources"))) {
				checkReference(violations, subject, directory, String.valueOf(resource), "resources", false);
			}
			for (Object component : Trees.list(content.get("components"))) {
				checkReference(violations, subject, directory, String.valueOf(component), "components", true);
			}
			for (Map<String, Object> patch : Trees.maps(content.get("patches"))) {
				if (patch.get("path") != null) {
					checkFile(violations, subject, directory, String.valueOf(patch.get("path")), "patches");
				}
			}
			for (Object patch : Trees.list(content.get("patchesStrategicMerge"))) {
				checkFile(violations, subject, directory, String.valueOf(patch), "patchesStrategicMerge");
			}
		}
		return violations.list();
	}

	private static void checkReference(Violations violations, String subject, Path directory, String reference,
			String field, boolean mustBeComponent) {
		if (REMOTE.matcher(reference).find()) {
			violations.add(subject, field + " '" + reference + "' is remote: it cannot be rendered offline");
			return;
		}
		Path target = directory.resolve(reference).normalize();
		if (Files.isRegularFile(target) && !mustBeComponent) {
			return;
		}
		if (!Files.isDirectory(target) || !Kustomization.isKustomizationDirectory(target)) {
			violations.add(subject, field + " '" + reference + "' does not resolve to "
					+ (mustBeComponent ? "a component directory" : "a file or a kustomization directory"));
			return;
		}
		Map<String, Object> referenced = YamlDocuments.read(target.resolve(Kustomization.FILE_NAME)).get(0);
		boolean isComponent = "Component".equals(referenced.get("kind"));
		if (isComponent != mustBeComponent) {
			violations.add(subject, field + " '" + reference + "' is " + (isComponent ? "a Component" : "not a Component")
					+ (mustBeComponent ? ": list it under resources" : ": list it under components"));
		}
	}

	private static void checkFile(Violations violations, String subject, Path directory, String reference, String field) {
		if (!Files.isRegularFile(directory.resolve(reference).normalize())) {
			violations.add(subject, field + " '" + reference + "' does not resolve to a file");
		}
	}

}
