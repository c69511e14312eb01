package io.github.vaultk8s.test.http;

import java.util.List;

/**
 * A Vault error answer: the HTTP status and the {@code errors} list of Vault's JSON envelope.
 * Thrown by any part of the stand-in and turned into {@code {"errors":[...]}} in one place.
 * It carries no stack trace: it is an answer, not a bug.
 */
public final class VaultApiError extends RuntimeException {

	private final int status;

	private final List<String> errors;

	public VaultApiError(int status, List<String> errors) {
		super(String.join("; ", errors), null, false, false);
		this.status = status;
		this.errors = List.copyOf(errors);
	}

	public static VaultApiError of(int status, String message) {
		return new VaultApiError(status, List.of(message));
	}

	/** 400 with Vault's plain backend message. */
	public static VaultApiError badRequest(String message) {
		return of(400, message);
	}

	/** 403 {@code permission denied}, as the Kubernetes auth method answers a refused login. */
	public static VaultApiError permissionDenied() {
		return of(403, "permission denied");
	}

	/** 404 with an empty {@code errors} list, as Vault answers a read that finds nothing. */
	public static VaultApiError notFound() {
		return new VaultApiError(404, List.of());
	}

	public int status() {
		return this.status;
	}

	public List<String> errors() {
		return this.errors;
	}

}
