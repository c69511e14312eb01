package io.github.vaultk8s.test.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.vaultk8s.test.time.GoDuration;
import io.github.vaultk8s.test.time.GoQuote;

/**
 * Typed access to a request's data the way Vault's field schema converts it: numbers from strings, lists
 * from comma-separated strings, durations from seconds or Go syntax. A value of the wrong type is a 400.
 * <p>
 * Two families of accessors, because the stand-in mirrors two parts of Vault that word and convert fields
 * differently, and clients and tests pin both:
 * <ul>
 * <li>the methods taking a fallback ({@link #string(String, String)}, {@link #integer(String, long)}, ...)
 * follow Vault's core backends (KV, tokens, sys): {@code error converting input value for field "x"};</li>
 * <li>the methods returning {@link Optional} ({@link #optionalString(String)}, {@link #commaStrings(String)},
 * {@link #durationSeconds(String)}, ...) follow a plugin's {@code framework.FieldData} (the Kubernetes auth
 * method): exact decimal numbers, Go's plugin duration rules, and
 * {@code error converting input for field "x": <reason>}.</li>
 * </ul>
 * Neither family ever puts the raw value in a message: it may be a secret such as {@code token_reviewer_jwt}.
 */
public final class RequestFields {

	private final Map<String, Object> data;

	public RequestFields(Map<String, Object> data) {
		this.data = (data != null) ? data : Map.of();
	}

	/** A field counts as given when its key is present with a non-null value. */
	public boolean has(String name) {
		return this.data.get(name) != null;
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
			Boolean parsed = parseBool(s.trim());
			if (parsed == null) {
				throw invalid(name, value);
			}
			return parsed;
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
				if (!isScalar(item)) {
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

	/** Plugin {@code TypeString}: scalars are turned into their text, numbers exactly. */
	public Optional<String> optionalString(String name) {
		Object raw = this.data.get(name);
		if (raw == null) {
			return Optional.empty();
		}
		if (raw instanceof String text) {
			return Optional.of(text);
		}
		if (raw instanceof Number || raw instanceof Boolean) {
			return Optional.of(exactText(raw));
		}
		throw invalidField(name, "expected a string");
	}

	/** Plugin {@code TypeString} with Go's zero value when absent. */
	public String stringOrEmpty(String name) {
		return optionalString(name).orElse("");
	}

	/** Plugin {@code TypeBool}: booleans, any number (non-zero is true), Go's {@code strconv.ParseBool}. */
	public Optional<Boolean> optionalBool(String name) {
		Object raw = this.data.get(name);
		if (raw == null) {
			return Optional.empty();
		}
		if (raw instanceof Boolean value) {
			return Optional.of(value);
		}
		if (raw instanceof Number number) {
			return Optional.of(number.doubleValue() != 0);
		}
		if (raw instanceof String text) {
			// The framework reads an empty string as false and does not trim.
			Boolean parsed = text.isEmpty() ? Boolean.FALSE : parseBool(text);
			if (parsed == null) {
				throw invalidField(name, "strconv.ParseBool: invalid syntax");
			}
			return Optional.of(parsed);
		}
		throw invalidField(name, "expected a boolean");
	}

	/** Plugin {@code TypeInt}: integral numbers and numeric strings that fit an int. */
	public Optional<Integer> optionalInteger(String name) {
		Object raw = this.data.get(name);
		if (raw == null) {
			return Optional.empty();
		}
		try {
			BigDecimal value = (raw instanceof String text) ? new BigDecimal(text.trim()) : decimal(raw);
			return Optional.of(value.intValueExact());
		}
		catch (ArithmeticException | NumberFormatException ex) {
			throw invalidField(name, "expected an integer");
		}
	}

	/** Plugin {@code TypeDurationSecond}: Go duration strings or seconds, truncated to whole seconds. */
	public Optional<Duration> durationSeconds(String name) {
		Object raw = this.data.get(name);
		if (raw == null) {
			return Optional.empty();
		}
		try {
			Duration duration;
			if (raw instanceof String text) {
				duration = GoDuration.parseVaultField(text.trim());
			}
			else if (raw instanceof Number) {
				duration = Duration.ofSeconds(decimal(raw).longValue());
			}
			else {
				throw new IllegalArgumentException("could not parse duration from input");
			}
			// Whole seconds, truncated toward zero as Go's int conversion does.
			long seconds = duration.getSeconds() + ((duration.isNegative() && duration.getNano() > 0) ? 1 : 0);
			return Optional.of(Duration.ofSeconds(seconds));
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			throw invalidField(name, ex.getMessage());
		}
	}

	/**
	 * Plugin {@code TypeCommaStringSlice}: a JSON list, a comma-separated string (empty items kept) or a
	 * single scalar; items trimmed.
	 */
	public Optional<List<String>> commaStrings(String name) {
		Object raw = this.data.get(name);
		if (raw == null) {
			return Optional.empty();
		}
		List<String> values = new ArrayList<>();
		if (raw instanceof String text) {
			if (!text.isEmpty()) {
				values.addAll(Arrays.asList(text.split(",", -1)));
			}
		}
		else if (raw instanceof Collection<?> items) {
			for (Object item : items) {
				if (!isScalar(item)) {
					throw invalidField(name, "expected a list of strings");
				}
				values.add(exactText(item));
			}
		}
		else if (raw instanceof Number || raw instanceof Boolean) {
			values.add(exactText(raw));
		}
		else {
			throw invalidField(name, "expected a list of strings");
		}
		return Optional.of(values.stream().map(String::trim).toList());
	}

	/** Go's {@code strconv.ParseBool} words; {@code null} for anything else. */
	private static Boolean parseBool(String text) {
		return switch (text) {
			case "1", "t", "T", "true", "TRUE", "True" -> Boolean.TRUE;
			case "0", "f", "F", "false", "FALSE", "False" -> Boolean.FALSE;
			default -> null;
		};
	}

	private static boolean isScalar(Object item) {
		return item != null && !(item instanceof Map) && !(item instanceof Collection);
	}

	private static String exactText(Object value) {
		if (value instanceof Number) {
			return decimal(value).stripTrailingZeros().toPlainString();
		}
		return String.valueOf(value);
	}

	private static BigDecimal decimal(Object number) {
		return new BigDecimal(number.toString());
	}

	private static VaultApiError invalidField(String name, String reason) {
		return VaultApiError.badRequest(String.format(Locale.ROOT,
				"Field validation failed: error converting input for field %s: %s", GoQuote.of(name), reason));
	}

	private static VaultApiError invalid(String name, Object value) {
		String shown = (value instanceof Map || value instanceof List) ? value.getClass().getSimpleName() : "value";
		return VaultApiError.badRequest("Field validation failed: error converting input " + shown
				+ " for field \"" + name + "\"");
	}

}
