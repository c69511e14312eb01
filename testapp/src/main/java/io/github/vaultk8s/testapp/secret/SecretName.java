package io.github.vaultk8s.testapp.secret;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A validated secret name: one to {@value #MAX_SEGMENTS} {@code /}-separated segments of
 * {@code [A-Za-z0-9._-]}, none of them {@code .} or {@code ..}, at most {@value #MAX_LENGTH} characters.
 * <p>
 * The allowed alphabet never needs percent-encoding, so anything else (including {@code %}, control
 * characters and empty segments) is refused rather than decoded: the value can be appended to a Vault
 * path as is, and nothing outside {@code secret/testapp/} can be named.
 */
public final class SecretName {

	public static final int MAX_LENGTH = 256;

	public static final int MAX_SEGMENTS = 8;

	/**
	 * {@code GET /secrets/{name}/versions} lists versions, so a secret whose last segment is
	 * {@code versions} could never be read back: refuse to create one.
	 */
	static final String RESERVED_LAST_SEGMENT = "versions";

	private final String value;

	private SecretName(String value) {
		this.value = value;
	}

	/**
	 * Validates the name of a secret.
	 * @param raw the name as received, not decoded
	 * @return the name
	 * @throws InvalidSecretNameException if it is not a valid secret name
	 */
	public static SecretName of(String raw) {
		SecretName name = parse(raw, false);
		List<String> segments = name.segments();
		if (RESERVED_LAST_SEGMENT.equals(segments.get(segments.size() - 1))) {
			throw new InvalidSecretNameException("the last segment must not be '" + RESERVED_LAST_SEGMENT
					+ "': /secrets/{name}/" + RESERVED_LAST_SEGMENT + " lists the versions of a secret");
		}
		return name;
	}

	/**
	 * Validates the name of a folder (the same rules, without the reserved last segment). A trailing
	 * {@code /}, as Vault marks folders in listings, is accepted and dropped.
	 * @param raw the folder as received, not decoded
	 * @return the folder name
	 * @throws InvalidSecretNameException if it is not a valid name
	 */
	public static SecretName folder(String raw) {
		return parse(raw, true);
	}

	private static SecretName parse(String raw, boolean trailingSlashAllowed) {
		if (raw == null || raw.isEmpty()) {
			throw new InvalidSecretNameException("the name is empty");
		}
		if (raw.length() > MAX_LENGTH) {
			throw new InvalidSecretNameException("the name is longer than " + MAX_LENGTH + " characters");
		}
		String name = (trailingSlashAllowed && raw.endsWith("/")) ? raw.substring(0, raw.length() - 1) : raw;
		int segments = 1;
		int segmentStart = 0;
		for (int i = 0; i <= name.length(); i++) {
			if (i == name.length() || name.charAt(i) == '/') {
				checkSegment(name, segmentStart, i, segments);
				if (i < name.length() && ++segments > MAX_SEGMENTS) {
					throw new InvalidSecretNameException("the name has more than " + MAX_SEGMENTS + " segments");
				}
				segmentStart = i + 1;
			}
			else if (!isAllowed(name.charAt(i))) {
				throw new InvalidSecretNameException(describe(name.charAt(i), i));
			}
		}
		return new SecretName(name);
	}

	private static void checkSegment(String name, int start, int end, int position) {
		if (start == end) {
			throw new InvalidSecretNameException("segment " + position + " is empty");
		}
		String segment = name.substring(start, end);
		if (segment.equals(".") || segment.equals("..")) {
			throw new InvalidSecretNameException("segment " + position + " is '" + segment + "'");
		}
	}

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
				|| c == '-';
	}

	// Describe the character by code point: echoing control characters back would be a trick of its own.
	private static String describe(char c, int index) {
		String what = (c == '%') ? "'%' (percent-encoding is not accepted)" : String.format("U+%04X", (int) c);
		return "character " + (index + 1) + " is " + what + "; allowed are A-Z a-z 0-9 . _ - and '/' between segments";
	}

	public List<String> segments() {
		return List.of(this.value.split("/"));
	}

	/** The name relative to the {@code testapp} folder of the KV mount. */
	String relativeVaultPath() {
		return "testapp/" + this.value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof SecretName that) && this.value.equals(that.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
