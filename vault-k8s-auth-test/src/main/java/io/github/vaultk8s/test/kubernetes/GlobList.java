package io.github.vaultk8s.test.kubernetes;

import java.util.List;

/**
 * Vault's {@code strutil.StrListContainsGlob}: whether any pattern matches, where {@code *} stands for any
 * run of characters (no other wildcard exists) and matching is case-sensitive.
 */
final class GlobList {

	private GlobList() {
	}

	static boolean containsMatch(List<String> patterns, String value) {
		return patterns.stream().anyMatch((pattern) -> matches(pattern, value));
	}

	static boolean matches(String pattern, String value) {
		if (pattern.equals("*")) {
			return true;
		}
		String[] parts = pattern.split("\\*", -1);
		if (parts.length == 1) {
			return pattern.equals(value);
		}
		if (!value.startsWith(parts[0])) {
			return false;
		}
		int position = parts[0].length();
		for (int i = 1; i < parts.length - 1; i++) {
			int found = value.indexOf(parts[i], position);
			if (found < 0) {
				return false;
			}
			position = found + parts[i].length();
		}
		String last = parts[parts.length - 1];
		return value.length() - last.length() >= position && value.endsWith(last);
	}

}
