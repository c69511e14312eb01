package io.github.vaultk8s.k8s.check.layout;

import java.nio.file.Path;
import java.util.List;

import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.YamlDocuments;

/**
 * Every YAML file under {@code k8s/} parses, and every document in it is a mapping.
 */
public final class YamlSyntaxCheck {

	public List<Violation> check(Path root) {
		Violations violations = new Violations("yaml-syntax");
		for (Path file : ManifestFiles.yamlFiles(root)) {
			try {
				YamlDocuments.read(file);
			}
			catch (RuntimeException ex) {
				violations.add(root.relativize(file).toString(), "does not parse: " + firstLine(ex.getMessage()));
			}
		}
		return violations.list();
	}

	private static String firstLine(String message) {
		return (message != null) ? message.lines().findFirst().orElse("") : "";
	}

}
