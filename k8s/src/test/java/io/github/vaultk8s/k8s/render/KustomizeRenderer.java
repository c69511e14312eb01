package io.github.vaultk8s.k8s.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;
import io.github.vaultk8s.k8s.manifest.YamlDocuments;
import io.github.vaultk8s.k8s.render.Kustomization.ImageOverride;
import io.github.vaultk8s.k8s.render.Kustomization.Patch;

/**
 * Renders a kustomization in the JVM, in kustomize's order: a kustomization's resources, then each
 * component (its resources, then its transformations over everything so far), then its own patches and
 * image overrides. Supports exactly the fields {@link Kustomization} accepts; fails on anything else, on
 * a patch that matches nothing and on duplicate objects, as kustomize does.
 */
public final class KustomizeRenderer {

	public Manifests render(Path directory) {
		Kustomization kustomization = Kustomization.read(directory);
		if (kustomization.isComponent()) {
			throw new IllegalArgumentException(directory + " is a Component: render a kustomization that uses it");
		}
		return new Manifests(accumulate(kustomization, new ArrayList<>()));
	}

	private List<ManifestObject> accumulate(Kustomization kustomization, List<ManifestObject> objects) {
		for (String resource : kustomization.resources()) {
			Path path = kustomization.directory().resolve(resource).normalize();
			List<ManifestObject> added;
			if (Files.isDirectory(path)) {
				Kustomization base = Kustomization.read(path);
				if (base.isComponent()) {
					throw new IllegalArgumentException(path + " is a Component listed under resources");
				}
				added = accumulate(base, new ArrayList<>());
			}
			else {
				added = YamlDocuments.readObjects(path);
			}
			for (ManifestObject object : added) {
				addUnique(objects, object);
			}
		}
		for (String component : kustomization.components()) {
			Kustomization nested = Kustomization.read(kustomization.directory().resolve(component).normalize());
			if (!nested.isComponent()) {
				throw new IllegalArgumentException(
						nested.directory() + " is listed under components but is not a Component");
			}
			objects = accumulate(nested, objects);
		}
		for (Patch patch : kustomization.patches()) {
			applyPatch(kustomization.directory().resolve(patch.path()).normalize(), patch.target(), objects);
		}
		for (ImageOverride image : kustomization.images()) {
			objects.forEach((object) -> overrideImages(object.content(), image));
		}
		return objects;
	}

	private static void addUnique(List<ManifestObject> objects, ManifestObject object) {
		for (ManifestObject existing : objects) {
			if (sameId(existing, object)) {
				throw new IllegalStateException("Duplicate object " + object.id() + " from " + object.source());
			}
		}
		objects.add(object);
	}

	private static boolean sameId(ManifestObject a, ManifestObject b) {
		return a.group().equals(b.group()) && a.kind().equals(b.kind()) && a.name().equals(b.name())
				&& String.valueOf(a.namespace()).equals(String.valueOf(b.namespace()));
	}

	private static void applyPatch(Path file, Map<String, Object> target, List<ManifestObject> objects) {
		for (Map<String, Object> patch : YamlDocuments.read(file)) {
			ManifestObject patchObject = new ManifestObject(patch, file.toString());
			List<ManifestObject> matches = objects.stream()
				.filter((object) -> target.isEmpty() ? sameId(object, patchObject) : matches(object, target))
				.toList();
			if (matches.isEmpty()) {
				throw new IllegalStateException(file + ": patch matches no object");
			}
			if ("delete".equals(patch.get("$patch"))) {
				objects.removeAll(matches);
				continue;
			}
			Map<String, Object> body = Trees.copyMap(patch);
			body.remove("apiVersion");
			body.remove("kind");
			Map<String, Object> metadata = Trees.map(body.get("metadata"));
			if (!metadata.isEmpty()) {
				metadata.remove("name");
				metadata.remove("namespace");
			}
			matches.forEach((object) -> MergePatch.apply(object.content(), body));
		}
	}

	private static boolean matches(ManifestObject object, Map<String, Object> target) {
		return matchesField(target.get("group"), object.group()) && matchesField(target.get("kind"), object.kind())
				&& matchesField(target.get("name"), object.name())
				&& matchesField(target.get("namespace"), object.namespace())
				&& matchesField(target.get("version"), versionOf(object.apiVersion()));
	}

	private static boolean matchesField(Object wanted, String actual) {
		// kustomize target fields are anchored regular expressions
		return wanted == null || (actual != null && Pattern.matches(wanted.toString(), actual));
	}

	private static String versionOf(String apiVersion) {
		return apiVersion.substring(apiVersion.indexOf('/') + 1);
	}

	private static void overrideImages(Object node, ImageOverride override) {
		if (node instanceof Map<?, ?> map) {
			Map<String, Object> tree = Trees.map(map);
			for (String key : Set.of("containers", "initContainers")) {
				for (Map<String, Object> container : Trees.maps(tree.get(key))) {
					if (container.get("image") instanceof String image) {
						container.put("image", ImageReference.parse(image).overriddenBy(override));
					}
				}
			}
			new ArrayList<>(tree.values()).forEach((value) -> overrideImages(value, override));
		}
		else if (node instanceof List<?> list) {
			list.forEach((item) -> overrideImages(item, override));
		}
	}

}
