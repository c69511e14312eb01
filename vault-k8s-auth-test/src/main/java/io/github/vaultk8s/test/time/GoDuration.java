package io.github.vaultk8s.test.time;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Durations the way Vault reads and writes them: Go's {@code time.ParseDuration} syntax (plus plain
 * seconds and a {@code d} unit, as Vault's {@code parseutil} accepts) and Go's {@code Duration.String()}.
 */
public final class GoDuration {

	private GoDuration() {
	}

	/**
	 * Parses {@code 30s}, {@code 1h30m}, {@code 1.5h}, {@code 250ms}, {@code 2d}, a bare number of seconds
	 * or, for command lines, ISO-8601 ({@code PT1H}).
	 * @throws IllegalArgumentException when the text is not a duration
	 */
	public static Duration parse(String text) {
		String s = text.trim();
		if (s.isEmpty()) {
			throw new IllegalArgumentException("invalid duration \"" + text + "\"");
		}
		if (s.charAt(0) == 'P' || s.charAt(0) == 'p' || s.startsWith("-P") || s.startsWith("-p")) {
			try {
				return Duration.parse(s.toUpperCase(Locale.ROOT));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("invalid duration \"" + text + "\"");
			}
		}
		if (s.chars().allMatch(Character::isDigit)) {
			return Duration.ofSeconds(Long.parseLong(s));
		}
		boolean negative = false;
		int i = 0;
		if (s.charAt(0) == '-' || s.charAt(0) == '+') {
			negative = s.charAt(0) == '-';
			i++;
		}
		if (s.substring(i).equals("0")) {
			return Duration.ZERO;
		}
		BigDecimal totalNanos = BigDecimal.ZERO;
		boolean any = false;
		while (i < s.length()) {
			int start = i;
			while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
				i++;
			}
			if (start == i) {
				throw new IllegalArgumentException("invalid duration \"" + text + "\"");
			}
			BigDecimal number;
			try {
				number = new BigDecimal(s.substring(start, i));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("invalid duration \"" + text + "\"");
			}
			int unitStart = i;
			while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
				i++;
			}
			long unitNanos = unitNanos(s.substring(unitStart, i), text);
			totalNanos = totalNanos.add(number.multiply(BigDecimal.valueOf(unitNanos)));
			any = true;
		}
		if (!any) {
			throw new IllegalArgumentException("invalid duration \"" + text + "\"");
		}
		Duration result = Duration.ofNanos(totalNanos.longValue());
		return negative ? result.negated() : result;
	}

	private static long unitNanos(String unit, String text) {
		return switch (unit) {
			case "ns" -> 1L;
			case "us", "\u00b5s", "\u03bcs" -> 1_000L;
			case "ms" -> 1_000_000L;
			case "s" -> 1_000_000_000L;
			case "m" -> 60_000_000_000L;
			case "h" -> 3_600_000_000_000L;
			case "d" -> 86_400_000_000_000L;
			default -> throw new IllegalArgumentException(unit.isEmpty() ? "missing unit in duration \"" + text + "\""
					: "unknown unit \"" + unit + "\" in duration \"" + text + "\"");
		};
	}

	/** Go's {@code Duration.String()}: {@code 1h0m0s}, {@code 9m50s}, {@code 1.5s}, {@code 250ms}, {@code 0s}. */
	public static String format(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		StringBuilder out = new StringBuilder();
		if (duration.isNegative()) {
			out.append('-');
			duration = duration.negated();
		}
		long totalNanos = duration.toNanos();
		if (totalNanos < 1_000_000_000L) {
			if (totalNanos < 1_000L) {
				return out.append(totalNanos).append("ns").toString();
			}
			if (totalNanos < 1_000_000L) {
				return out.append(fraction(totalNanos, 1_000L)).append("\u00b5s").toString();
			}
			return out.append(fraction(totalNanos, 1_000_000L)).append("ms").toString();
		}
		long hours = totalNanos / 3_600_000_000_000L;
		long rest = totalNanos % 3_600_000_000_000L;
		long minutes = rest / 60_000_000_000L;
		long secondNanos = rest % 60_000_000_000L;
		if (hours > 0) {
			out.append(hours).append('h');
		}
		if (hours > 0 || minutes > 0) {
			out.append(minutes).append('m');
		}
		return out.append(fraction(secondNanos, 1_000_000_000L)).append('s').toString();
	}

	/**
	 * The shorter form Vault uses in warnings: {@code 1h} for {@code 1h0m0s}, {@code 1m} for {@code 1m0s},
	 * {@code 2h5s} for {@code 2h0m5s}.
	 */
	public static String human(Duration duration) {
		String s = format(duration);
		if (s.endsWith("m0s")) {
			s = s.substring(0, s.length() - 2);
		}
		int h0m = s.indexOf("h0m");
		if (h0m > 0) {
			s = s.substring(0, h0m + 1) + s.substring(h0m + 3);
		}
		return s;
	}

	private static String fraction(long value, long unit) {
		long whole = value / unit;
		long part = value % unit;
		if (part == 0) {
			return Long.toString(whole);
		}
		String digits = Long.toString(unit + part).substring(1);
		int end = digits.length();
		while (digits.charAt(end - 1) == '0') {
			end--;
		}
		return whole + "." + digits.substring(0, end);
	}

}
