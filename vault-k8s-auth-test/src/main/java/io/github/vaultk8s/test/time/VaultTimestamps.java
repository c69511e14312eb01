package io.github.vaultk8s.test.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as Vault writes them: Go's RFC3339Nano in UTC, fraction without trailing zeros.
 */
public final class VaultTimestamps {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private VaultTimestamps() {
	}

	/** {@code 2024-05-01T10:00:00.12345Z}; {@code ""} for {@code null}, as Vault leaves unset times. */
	public static String format(Instant instant) {
		if (instant == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(32).append(SECONDS.format(instant));
		int nanos = instant.getNano();
		if (nanos != 0) {
			String digits = Integer.toString(1_000_000_000 + nanos).substring(1);
			int end = digits.length();
			while (digits.charAt(end - 1) == '0') {
				end--;
			}
			out.append('.').append(digits, 0, end);
		}
		return out.append('Z').toString();
	}

}
