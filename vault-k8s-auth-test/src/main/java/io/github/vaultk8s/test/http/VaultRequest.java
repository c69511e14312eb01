package io.github.vaultk8s.test.http;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Vault API request after the HTTP layer: operation, path (without {@code /v1/}; a list path ends with
 * {@code /}), data (the JSON body, or the query parameters of a read) and the caller's token.
 */
public final class VaultRequest {

	private final Operation operation;

	private final String path;

	private final Map<String, Object> data;

	private final String token;

	private final String remoteAddress;

	private final String contentType;

	public VaultRequest(Operation operation, String path, Map<String, Object> data, String token,
			String remoteAddress, String contentType) {
		this.operation = operation;
		this.path = path;
		this.data = (data != null) ? Collections.unmodifiableMap(data) : Map.of();
		this.token = token;
		this.remoteAddress = remoteAddress;
		this.contentType = contentType;
	}

	public Operation operation() {
		return this.operation;
	}

	public String path() {
		return this.path;
	}

	public Map<String, Object> data() {
		return this.data;
	}

	/** The client token, or {@code null} when none was sent. */
	public String token() {
		return this.token;
	}

	public String remoteAddress() {
		return this.remoteAddress;
	}

	public String contentType() {
		return this.contentType;
	}

	/** The same request seen from inside a mount: {@code secret/data/x} → {@code data/x}. */
	public VaultRequest relativeTo(String mountPrefix) {
		return new VaultRequest(this.operation, this.path.substring(mountPrefix.length()), this.data, this.token,
				this.remoteAddress, this.contentType);
	}

	/** The same request with another operation (create vs update after the existence check). */
	public VaultRequest withOperation(Operation operation) {
		return new VaultRequest(operation, this.path, this.data, this.token, this.remoteAddress, this.contentType);
	}

	/**
	 * Vault's warning for body fields an endpoint does not know, or {@code null} when all are known.
	 */
	public String unknownParametersWarning(Set<String> known) {
		Set<String> unknown = new TreeSet<>();
		for (String key : this.data.keySet()) {
			if (!known.contains(key)) {
				unknown.add(key);
			}
		}
		if (unknown.isEmpty()) {
			return null;
		}
		return "Endpoint ignored these unrecognized parameters: [" + String.join(" ", unknown) + "]";
	}

}
