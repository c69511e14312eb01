package io.github.vaultk8s.k8s.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads multi-document YAML into plain trees. Safe construction only: no YAML tags become Java types.
 */
public final class YamlDocuments {

	private YamlDocuments() {
	}

	public static List<Map<String, Object>> parse(String yaml) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
			if (document == null) {
				continue;
			}
			if (!(document instanceof Map<?, ?>)) {
				throw new IllegalArgumentException(
						"A YAML document is not a mapping but " + document.getClass().getSimpleName());
			}
			documents.add(ManifestObject.Trees.map(document));
		}
		return documents;
	}

	public static List<Map<String, Object>> read(Path file) {
		try {
			return parse(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
		}
	}

	public static List<ManifestObject> readObjects(Path file) {
		return read(file).stream().map((content) -> new ManifestObject(content, file.toString())).toList();
	}

}
