package io.github.vaultk8s.test.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vaultk8s.test.time.GoDuration;

/**
 * Typed access to a request's data the way Vault's field schema converts it: numbers from strings, lists
 * from comma-separated strings, durations from seconds or Go syntax. A value of the wrong type is a 400.
 */
public final class RequestFields {

	private final Map<String, Object> data;

	public RequestFields(Map<String, Object> data) {
		this.data = data;
	}

	public boolean has(String name) {
		return this.data.containsKey(name) && this.data.get(name) != null;
	}

	public Object raw(String name) {
		return this.data.get(name);
	}

	public String string(String name, String fallback) {
		Object value = this.data.get(name);
		if (value == null) {
			return fallback;
		}
		if (value instanceof String || value instanceof Number || value instanceof Boolean) {
			return String.valueOf(value);
		}
		throw invalid(name, value);
	}

	public long integer(String name, long fallback) {
		Object value = this.data.get(name);
		if (value == null) {
			return fallback;
		}
		if (value instanceof Integer || value instanceof Long) {
			return ((Number) value).longValue();
		}
		if (value instanceof Double d && d == Math.rint(d)) {
			return d.longValue();
		}
		if (value instanceof String s) {
			try {
				return Long.parseLong(s.trim());
			}
			catch (NumberFormatException ex) {
				throw invalid(name, value);
			}
		}
		throw invalid(name, value);
	}

	public boolean bool(String name, boolean fallback) {
		Object value = this.data.get(name);
		if (value == null) {
			return fallback;
		}
		if (value instanceof Boolean b) {
			return b;
		}
		if (value instanceof String s) {
			return switch (s.trim()) {
				case "1", "t", "T", "true", "TRUE", "True" -> true;
				case "0", "f", "F", "false", "FALSE", "False" -> false;
				default -> throw invalid(name, value);
			};
		}
		if (value instanceof Number n && (n.longValue() == 0 || n.longValue() == 1)) {
			return n.longValue() == 1;
		}
		throw invalid(name, value);
	}

	/** Seconds as a number, or Go syntax ({@code 1h30m}). */
	public Duration duration(String name, Duration fallback) {
		Object value = this.data.get(name);
		if (value == null) {
			return fallback;
		}
		if (value instanceof Integer || value instanceof Long) {
			return Duration.ofSeconds(((Number) value).longValue());
		}
		if (value instanceof Double d) {
			return Duration.ofMillis((long) (d * 1000));
		}
		if (value instanceof String s) {
			if (s.isEmpty()) {
				return Duration.ZERO;
			}
			try {
				return GoDuration.parse(s);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(name, value);
			}
		}
		throw invalid(name, value);
	}

	/** A list of strings, or a comma-separated string. */
	public List<String> stringList(String name) {
		Object value = this.data.get(name);
		List<String> result = new ArrayList<>();
		if (value == null) {
			return result;
		}
		if (value instanceof String s) {
			for (String part : s.split(",")) {
				if (!part.trim().isEmpty()) {
					result.add(part.trim());
				}
			}
			return result;
		}
		if (value instanceof List<?> list) {
			for (Object item : list) {
				if (item instanceof Map || item instanceof List || item == null) {
					throw invalid(name, value);
				}
				result.add(String.valueOf(item).trim());
			}
			return result;
		}
		throw invalid(name, value);
	}

	/** A map of strings ({@code custom_metadata}, {@code meta}); {@code null} when absent. */
	public Map<String, String> stringMap(String name) {
		Object value = this.data.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw invalid(name, value);
		}
		Map<String, String> result = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			Object item = entry.getValue();
			if (item instanceof Map || item instanceof List) {
				throw invalid(name, value);
			}
			result.put(String.valueOf(entry.getKey()), (item != null) ? String.valueOf(item) : "");
		}
		return result;
	}

	private static VaultApiError invalid(String name, Object value) {
		String shown = (value instanceof Map || value instanceof List) ? value.getClass().getSimpleName() : "value";
		return VaultApiError.badRequest("Field validation failed: error converting input " + shown
				+ " for field \"" + name + "\"");
	}

}
