package io.github.vaultk8s.testapp.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Query parameters that must appear at most once: {@code ?version=1&version=2} is ambiguous, and picking
 * one of them silently would answer a question the caller did not ask.
 */
final class QueryParameters {

	private QueryParameters() {
	}

	/** The parameter's value, {@code null} when absent. */
	static String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null) {
			return null;
		}
		if (values.length > 1) {
			throw new InvalidRequestException("Query parameter '" + name + "' must be given at most once.");
		}
		return values[0];
	}

	/** A boolean parameter: absent is false, and only {@code true} or {@code false} are accepted. */
	static boolean flag(HttpServletRequest request, String name) {
		String value = single(request, name);
		if (value == null || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw new InvalidRequestException("Query parameter '" + name + "' must be true or false.");
	}

}
