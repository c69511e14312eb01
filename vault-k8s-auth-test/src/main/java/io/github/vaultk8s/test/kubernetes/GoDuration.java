package io.github.vaultk8s.test.kubernetes;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations the way Vault reads and prints them: Go's {@code time.ParseDuration} syntax ({@code 1h30m},
 * {@code 1.5s}), bare integers as seconds, a {@code d} suffix for days; printed like Go's
 * {@code Duration.String()} ({@code 1h0m0s}), because Vault puts that form in its messages.
 */
final class GoDuration {

	private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");

	private static final Pattern DAYS = Pattern.compile("([-+]?\\d+)d");

	private static final Pattern COMPONENT = Pattern.compile("(\\d*(?:\\.\\d*)?)(ns|us|µs|μs|ms|s|m|h)");

	private GoDuration() {
	}

	/**
	 * Parses a Vault duration string. Bare integers are seconds.
	 * @throws IllegalArgumentException with Go's wording when the text is not a duration
	 */
	static Duration parse(String text) {
		if (text.isEmpty()) {
			return Duration.ZERO;
		}
		if (INTEGER.matcher(text).matches()) {
			return Duration.ofSeconds(Long.parseLong(text));
		}
		Matcher days = DAYS.matcher(text);
		if (days.matches()) {
			return Duration.ofDays(Long.parseLong(days.group(1)));
		}
		return parseGo(text);
	}

	private static Duration parseGo(String text) {
		String rest = text;
		boolean negative = false;
		if (rest.startsWith("-") || rest.startsWith("+")) {
			negative = rest.charAt(0) == '-';
			rest = rest.substring(1);
		}
		if (rest.equals("0")) {
			return Duration.ZERO;
		}
		if (rest.isEmpty()) {
			throw invalid(text);
		}
		BigDecimal nanos = BigDecimal.ZERO;
		Matcher component = COMPONENT.matcher(rest);
		int position = 0;
		while (position < rest.length()) {
			if (!component.find(position) || component.start() != position) {
				throw invalid(text);
			}
			String number = component.group(1);
			if (number.isEmpty() || number.equals(".")) {
				throw invalid(text);
			}
			nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos(component.group(2)))));
			position = component.end();
		}
		Duration duration = Duration.ofNanos(nanos.longValue());
		return negative ? duration.negated() : duration;
	}

	private static long unitNanos(String unit) {
		return switch (unit) {
			case "ns" -> 1L;
			case "us", "µs", "μs" -> 1_000L;
			case "ms" -> 1_000_000L;
			case "s" -> 1_000_000_000L;
			case "m" -> 60_000_000_000L;
			default -> 3_600_000_000_000L;
		};
	}

	private static IllegalArgumentException invalid(String text) {
		return new IllegalArgumentException("time: invalid duration " + GoQuote.of(text));
	}

	/** Go's {@code Duration.String()} for whole-second and sub-second durations. */
	static String format(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		if (duration.isNegative()) {
			return "-" + format(duration.negated());
		}
		if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
			long nanos = duration.toNanos();
			if (nanos < 1_000) {
				return nanos + "ns";
			}
			if (nanos < 1_000_000) {
				return decimal(nanos, 1_000) + "µs";
			}
			return decimal(nanos, 1_000_000) + "ms";
		}
		long hours = duration.toHours();
		long minutes = duration.toMinutesPart();
		String seconds = decimal(duration.toSecondsPart() * 1_000_000_000L + duration.toNanosPart(), 1_000_000_000L) + "s";
		if (hours > 0) {
			return hours + "h" + minutes + "m" + seconds;
		}
		if (minutes > 0) {
			return minutes + "m" + seconds;
		}
		return seconds;
	}

	private static String decimal(long value, long unit) {
		return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
	}

}
