package io.github.vaultk8s.k8s.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.YamlDocuments;

/**
 * A parsed {@code kustomization.yaml}: a {@code Kustomization} or a {@code Component}, with the fields this
 * repository uses. Any other field is rejected so the in-JVM renderer never silently ignores one.
 *
 * @param directory the directory holding the file
 * @param kind {@code Kustomization} or {@code Component}
 * @param resources files or kustomization directories, relative to {@code directory}
 * @param components component directories, relative to {@code directory}
 * @param patches patch files with optional targets
 * @param images image name overrides
 */
public record Kustomization(Path directory, String kind, List<String> resources, List<String> components,
		List<Patch> patches, List<ImageOverride> images) {

	public static final String FILE_NAME = "kustomization.yaml";

	private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "resources", "components",
			"patches", "images");

	public static boolean isKustomizationDirectory(Path directory) {
		return Files.isRegularFile(directory.resolve(FILE_NAME));
	}

	public static Kustomization read(Path directory) {
		Path file = directory.resolve(FILE_NAME);
		List<Map<String, Object>> documents = YamlDocuments.read(file);
		if (documents.size() != 1) {
			throw new IllegalArgumentException(file + ": expected one YAML document, found " + documents.size());
		}
		Map<String, Object> content = documents.get(0);
		for (String field : content.keySet()) {
			if (!SUPPORTED_FIELDS.contains(field)) {
				throw new UnsupportedOperationException(
						file + ": field '" + field + "' is not supported by the in-JVM renderer");
			}
		}
		String kind = String.valueOf(content.getOrDefault("kind", "Kustomization"));
		List<Patch> patches = new ArrayList<>();
		for (Map<String, Object> patch : Trees.maps(content.get("patches"))) {
			if (!patch.containsKey("path") || patch.containsKey("patch")) {
				throw new UnsupportedOperationException(file + ": only file patches ('path') are supported");
			}
			patches.add(new Patch(String.valueOf(patch.get("path")), Trees.map(patch.get("target"))));
		}
		List<ImageOverride> images = new ArrayList<>();
		for (Map<String, Object> image : Trees.maps(content.get("images"))) {
			images.add(new ImageOverride(string(image.get("name")), string(image.get("newName")),
					string(image.get("newTag")), string(image.get("digest"))));
		}
		return new Kustomization(directory, kind, strings(content.get("resources")), strings(content.get("components")),
				List.copyOf(patches), List.copyOf(images));
	}

	public boolean isComponent() {
		return "Component".equals(this.kind);
	}

	private static List<String> strings(Object value) {
		return Trees.list(value).stream().map(String::valueOf).toList();
	}

	private static String string(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/**
	 * A patch file and the objects it applies to.
	 *
	 * @param path the patch file, relative to the kustomization
	 * @param target selector fields ({@code group}, {@code version}, {@code kind}, {@code name},
	 * {@code namespace}); empty to match by the patch's own kind and name
	 */
	public record Patch(String path, Map<String, Object> target) {
	}

	/**
	 * An {@code images:} entry.
	 *
	 * @param name the image name to match (without tag)
	 * @param newName replacement name, or {@code null}
	 * @param newTag replacement tag, or {@code null}
	 * @param digest replacement digest, or {@code null}
	 */
	public record ImageOverride(String name, String newName, String newTag, String digest) {
	}

}
