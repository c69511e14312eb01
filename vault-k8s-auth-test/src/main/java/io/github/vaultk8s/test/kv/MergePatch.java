package io.github.vaultk8s.test.kv;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON merge patch (RFC 7396) over secret data: objects merge key by key, {@code null} removes a key,
 * anything else replaces. The target is never modified.
 */
final class MergePatch {

	private MergePatch() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
		Map<String, Object> result = new LinkedHashMap<>(target);
		for (Map.Entry<String, Object> entry : patch.entrySet()) {
			Object value = entry.getValue();
			if (value == null) {
				result.remove(entry.getKey());
			}
			else if (value instanceof Map<?, ?> patchObject) {
				Object existing = result.get(entry.getKey());
				Map<String, Object> base = (existing instanceof Map<?, ?> existingObject)
						? (Map<String, Object>) existingObject : Map.of();
				result.put(entry.getKey(), apply(base, (Map<String, Object>) patchObject));
			}
			else {
				result.put(entry.getKey(), value);
			}
		}
		return result;
	}

}
