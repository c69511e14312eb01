package io.github.vaultk8s.k8s.render;

import java.util.Map;

import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;

/**
 * Applies a patch document the way kustomize applies the patches used here: maps merge recursively,
 * {@code null} removes a key, lists and scalars are replaced. (Strategic merge of lists by key is not
 * needed by these manifests; the kubectl comparison test would catch a patch that relied on it.)
 */
final class MergePatch {

	private MergePatch() {
	}

	static void apply(Map<String, Object> target, Map<String, Object> patch) {
		patch.forEach((key, value) -> {
			if (value == null) {
				target.remove(key);
			}
			else if (value instanceof Map<?, ?> patchMap && target.get(key) instanceof Map<?, ?> targetMap) {
				apply(Trees.map(targetMap), Trees.map(patchMap));
			}
			else {
				Object copy = Trees.copy(value);
				if (copy instanceof Map<?, ?> map) {
					removeNulls(Trees.map(map));
				}
				target.put(key, copy);
			}
		});
	}

	private static void removeNulls(Map<String, Object> map) {
		map.values().removeIf((value) -> value == null);
		map.values().forEach((value) -> {
			if (value instanceof Map<?, ?> nested) {
				removeNulls(Trees.map(nested));
			}
		});
	}

}
