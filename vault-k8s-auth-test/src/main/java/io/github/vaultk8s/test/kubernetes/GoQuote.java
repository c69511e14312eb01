package io.github.vaultk8s.test.kubernetes;

/**
 * Go's {@code %q} rendering of a string, which Vault uses in messages such as
 * {@code invalid role name "foo"}.
 */
final class GoQuote {

	private GoQuote() {
	}

	static String of(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		value.codePoints().forEach((codePoint) -> {
			switch (codePoint) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (codePoint < 0x20 || codePoint == 0x7f) {
						quoted.append(String.format("\\x%02x", codePoint));
					}
					else {
						quoted.appendCodePoint(codePoint);
					}
				}
			}
		});
		return quoted.append('"').toString();
	}

}
