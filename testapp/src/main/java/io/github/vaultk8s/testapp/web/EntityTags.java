package io.github.vaultk8s.testapp.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ETags of secrets: the KV version, quoted ({@code "3"}). Conditional headers are reduced to what KV
 * check-and-set can enforce: one version, or {@code *}.
 */
final class EntityTags {

	/** {@code If-Match: *}. */
	static final int ANY = 0;

	// Quotes are required by RFC 9110; a bare number is accepted because curl users type it.
	private static final Pattern VERSION_TAG = Pattern.compile("\"([1-9][0-9]{0,8})\"|([1-9][0-9]{0,8})");

	private EntityTags() {
	}

	static String of(int version) {
		return "\"" + version + "\"";
	}

	/**
	 * Parses an {@code If-Match} header.
	 * @return the version, {@link #ANY} for {@code *}, or {@code null} when the header is absent
	 */
	static Integer parseIfMatch(String header) {
		if (header == null) {
			return null;
		}
		String value = header.trim();
		if (value.equals("*")) {
			return ANY;
		}
		if (value.startsWith("W/")) {
			throw new InvalidRequestException("If-Match needs a strong ETag such as \"3\", not a weak one.");
		}
		Matcher matcher = VERSION_TAG.matcher(value);
		if (!matcher.matches()) {
			throw new InvalidRequestException(
					"If-Match must be one ETag as returned by this API, such as \"3\", or *.");
		}
		return Integer.valueOf((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
	}

	/**
	 * Checks an {@code If-None-Match} header on a write.
	 * @return whether it is {@code *} (create only); {@code false} when absent
	 */
	static boolean parseIfNoneMatchOnWrite(String header) {
		if (header == null) {
			return false;
		}
		if (!header.trim().equals("*")) {
			throw new InvalidRequestException("On writes, If-None-Match supports only * (create if absent).");
		}
		return true;
	}

}
