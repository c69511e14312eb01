package io.github.vaultk8s.test.http;

/**
 * Vault's logical operations. {@code POST}/{@code PUT} arrive as {@link #UPDATE} and become {@link #CREATE}
 * when the backend's existence check finds nothing at the path.
 */
public enum Operation {

	READ, LIST, CREATE, UPDATE, DELETE, PATCH;

	/** The operation for an HTTP method, or {@code null} when Vault does not know the method (405). */
	public static Operation forMethod(String method, boolean listQuery) {
		return switch (method) {
			case "GET" -> listQuery ? LIST : READ;
			case "LIST" -> LIST;
			case "POST", "PUT" -> UPDATE;
			case "DELETE" -> DELETE;
			case "PATCH" -> PATCH;
			default -> null;
		};
	}

}
