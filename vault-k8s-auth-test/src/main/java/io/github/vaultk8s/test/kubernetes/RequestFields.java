package io.github.vaultk8s.test.kubernetes;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.vaultk8s.test.http.VaultApiError;

/**
 * A request body read the way Vault's plugin framework reads fields: a field counts as given when its key
 * is present with a non-null value, values are converted leniently (numbers from strings, lists from
 * comma-separated strings, durations from Go strings or seconds), and a value that cannot be converted is
 * a 400 {@code Field validation failed: ...}.
 */
final class RequestFields {

	private final Map<String, Object> body;

	RequestFields(Map<String, Object> body) {
		this.body = (body != null) ? body : Map.of();
	}

	boolean has(String name) {
		return this.body.get(name) != null;
	}

	/** Vault's {@code TypeString}: scalars are turned into their text. */
	Optional<String> string(String name) {
		Object raw = this.body.get(name);
		if (raw == null) {
			return Optional.empty();
		}
		if (raw instanceof String text) {
			return Optional.of(text);
		}
		if (raw instanceof Number || raw instanceof Boolean) {
			return Optional.of(numberText(raw));
		}
		throw invalid(name, raw, "expected a string");
	}

	String stringOrEmpty(String name) {
		return string(name).orElse("");
	}

	/** Vault's {@code TypeBool}: booleans, and Go's {@code strconv.ParseBool} strings. */
	Optional<Boolean> bool(String name) {
		Object raw = this.body.get(name);
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
			switch (text) {
				case "1", "t", "T", "TRUE", "true", "True":
					return Optional.of(true);
				case "0", "f", "F", "FALSE", "false", "False", "":
					return Optional.of(false);
				default:
					throw invalid(name, raw, "strconv.ParseBool: invalid syntax");
			}
		}
		throw invalid(name, raw, "expected a boolean");
	}

	/** Vault's {@code TypeInt}: integral numbers and numeric strings. */
	Optional<Integer> integer(String name) {
		Object raw = this.body.get(name);
		if (raw == null) {
			return Optional.empty();
		}
		try {
			BigDecimal value = (raw instanceof String text) ? new BigDecimal(text.trim()) : decimal(raw);
			return Optional.of(value.intValueExact());
		}
		catch (ArithmeticException | NumberFormatException ex) {
			throw invalid(name, raw, "expected an integer");
		}
	}

	/** Vault's {@code TypeDurationSecond}: Go duration strings or seconds, truncated to whole seconds. */
	Optional<Duration> durationSeconds(String name) {
		Object raw = this.body.get(name);
		if (raw == null) {
			return Optional.empty();
		}
		try {
			Duration duration;
			if (raw instanceof String text) {
				duration = GoDuration.parse(text.trim());
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
			throw invalid(name, raw, ex.getMessage());
		}
	}

	/** Vault's {@code TypeCommaStringSlice}: a JSON list or a comma-separated string, items trimmed. */
	Optional<List<String>> commaStrings(String name) {
		Object raw = this.body.get(name);
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
				if (item instanceof Map || item instanceof Collection || item == null) {
					throw invalid(name, raw, "expected a list of strings");
				}
				values.add(numberText(item));
			}
		}
		else if (raw instanceof Number || raw instanceof Boolean) {
			values.add(numberText(raw));
		}
		else {
			throw invalid(name, raw, "expected a list of strings");
		}
		return Optional.of(values.stream().map(String::trim).toList());
	}

	private static String numberText(Object value) {
		if (value instanceof Number) {
			return decimal(value).stripTrailingZeros().toPlainString();
		}
		return String.valueOf(value);
	}

	private static BigDecimal decimal(Object number) {
		return new BigDecimal(number.toString());
	}

	// The raw value stays out of the message: it may be a secret such as token_reviewer_jwt.
	private static VaultApiError invalid(String name, Object raw, String reason) {
		return VaultApiError.badRequest(String.format(Locale.ROOT,
				"Field validation failed: error converting input for field %s: %s", GoQuote.of(name), reason));
	}

}
