package io.github.vaultk8s.testapp.web;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Version lists from query parameters ({@code ?versions=1,3}) and bodies ({@code {"versions":[1,3]}}).
 */
final class VersionNumbers {

	static final int MAX_VERSIONS = 100;

	private static final int MAX_VERSION = 999_999_999;

	private VersionNumbers() {
	}

	static Set<Integer> parseCsv(String csv) {
		Set<Integer> versions = new TreeSet<>();
		for (String part : csv.split(",", -1)) {
			String trimmed = part.trim();
			if (!trimmed.matches("[0-9]{1,9}")) {
				throw invalid();
			}
			add(versions, Integer.parseInt(trimmed));
		}
		return versions;
	}

	static Set<Integer> fromJson(Object versionsField) {
		if (!(versionsField instanceof Collection<?> list) || list.isEmpty()) {
			throw invalid();
		}
		Set<Integer> versions = new TreeSet<>();
		for (Object element : list) {
			if (!(element instanceof Integer || element instanceof Long)) {
				throw invalid();
			}
			long version = ((Number) element).longValue();
			if (version > MAX_VERSION) {
				throw invalid();
			}
			add(versions, (int) version);
		}
		return versions;
	}

	static int parseOne(String version) {
		if (!version.matches("[1-9][0-9]{0,8}")) {
			throw new InvalidRequestException("version must be a positive integer, e.g. ?version=2.");
		}
		return Integer.parseInt(version);
	}

	private static void add(Set<Integer> versions, int version) {
		if (version < 1 || version > MAX_VERSION) {
			throw invalid();
		}
		versions.add(version);
		if (versions.size() > MAX_VERSIONS) {
			throw new InvalidRequestException("At most " + MAX_VERSIONS + " versions can be given at once.");
		}
	}

	private static InvalidRequestException invalid() {
		return new InvalidRequestException("versions must be a non-empty list of positive integers, e.g. "
				+ "?versions=1,3 or {\"versions\":[1,3]}.");
	}

}
