package io.github.vaultk8s.k8s.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kubernetes object as parsed YAML (maps, lists, scalars), with the file it came from.
 *
 * @param content the object tree, mutable so that tests can seed mistakes into a copy
 * @param source where the object was read or rendered from, for violation messages
 */
public record ManifestObject(Map<String, Object> content, String source) {

	public String apiVersion() {
		return string(this.content.get("apiVersion"));
	}

	public String kind() {
		return string(this.content.get("kind"));
	}

	public String name() {
		return string(at("metadata", "name"));
	}

	public String namespace() {
		return string(at("metadata", "namespace"));
	}

	/** The API group: "" for the core group. */
	public String group() {
		String apiVersion = apiVersion();
		int slash = (apiVersion != null) ? apiVersion.indexOf('/') : -1;
		return (slash < 0) ? "" : apiVersion.substring(0, slash);
	}

	/** {@code Kind namespace/name}, how violations name an object. */
	public String id() {
		String ns = namespace();
		return kind() + " " + ((ns != null) ? ns + "/" : "") + name();
	}

	public boolean is(String kind, String name) {
		return kind.equals(kind()) && name.equals(name());
	}

	/** The value at a path of map keys and list indexes, or {@code null} when any step is missing. */
	public Object at(Object... path) {
		return Trees.at(this.content, path);
	}

	/** A deep copy, so a test can change it without touching the original. */
	public ManifestObject copy() {
		return new ManifestObject(Trees.copyMap(this.content), this.source);
	}

	@Override
	public String toString() {
		return id() + " (" + this.source + ")";
	}

	private static String string(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/** Navigation and copying of parsed YAML trees. */
	public static final class Trees {

		private Trees() {
		}

		public static Object at(Object root, Object... path) {
			Object current = root;
			for (Object step : path) {
				if (current instanceof Map<?, ?> map && step instanceof String key) {
					current = map.get(key);
				}
				else if (current instanceof List<?> list && step instanceof Integer index) {
					current = (index < list.size()) ? list.get(index) : null;
				}
				else {
					return null;
				}
			}
			return current;
		}

		@SuppressWarnings("unchecked")
		public static Map<String, Object> map(Object value) {
			return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
		}

		@SuppressWarnings("unchecked")
		public static List<Object> list(Object value) {
			return (value instanceof List<?>) ? (List<Object>) value : List.of();
		}

		public static List<Map<String, Object>> maps(Object value) {
			List<Map<String, Object>> maps = new ArrayList<>();
			for (Object item : list(value)) {
				if (item instanceof Map<?, ?>) {
					maps.add(map(item));
				}
			}
			return maps;
		}

		public static Map<String, Object> copyMap(Map<String, Object> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, value) -> copy.put(key, copy(value)));
			return copy;
		}

		@SuppressWarnings("unchecked")
		public static Object copy(Object value) {
			if (value instanceof Map<?, ?> map) {
				return copyMap((Map<String, Object>) map);
			}
			if (value instanceof List<?> list) {
				List<Object> copy = new ArrayList<>(list.size());
				list.forEach((item) -> copy.add(copy(item)));
				return copy;
			}
			return value;
		}

	}

}
