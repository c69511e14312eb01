package io.github.vaultk8s.test.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a backend answers. Turned into Vault's envelope (or a 204, or a raw JSON body for the few
 * {@code sys/} endpoints that have no envelope) by {@link VaultEnvelope}.
 */
public final class VaultResponse {

	private final int status;

	private final Object data;

	private final Map<String, Object> auth;

	private final List<String> warnings;

	private final Object rawBody;

	private final boolean emptyBody;

	private VaultResponse(int status, Object data, Map<String, Object> auth, List<String> warnings, Object rawBody) {
		this(status, data, auth, warnings, rawBody, false);
	}

	private VaultResponse(int status, Object data, Map<String, Object> auth, List<String> warnings, Object rawBody,
			boolean emptyBody) {
		this.emptyBody = emptyBody;
		this.status = status;
		this.data = data;
		this.auth = auth;
		this.warnings = warnings;
		this.rawBody = rawBody;
	}

	/** 200 with {@code data} in the envelope. */
	public static VaultResponse data(Object data) {
		return new VaultResponse(200, data, null, List.of(), null);
	}

	/** 200 with an {@code auth} block (login, renew). */
	public static VaultResponse auth(Map<String, Object> auth) {
		return new VaultResponse(200, null, auth, List.of(), null);
	}

	/** Nothing to say: 204, unless a warning is added. */
	public static VaultResponse noContent() {
		return new VaultResponse(204, null, null, List.of(), null);
	}

	/** A status with an empty body (Vault's {@code RespondWithStatusCode(nil, ...)}). */
	public static VaultResponse empty(int status) {
		return new VaultResponse(status, null, null, List.of(), null, true);
	}

	/** A body written as is, without the envelope ({@code sys/health}, {@code sys/seal-status}). */
	public static VaultResponse raw(int status, Object body) {
		return new VaultResponse(status, null, null, List.of(), body);
	}

	public VaultResponse withWarning(String warning) {
		if (warning == null) {
			return this;
		}
		List<String> all = new ArrayList<>(this.warnings);
		all.add(warning);
		int newStatus = (this.status == 204) ? 200 : this.status;
		return new VaultResponse(newStatus, this.data, this.auth, List.copyOf(all), this.rawBody);
	}

	/**
	 * Adds the unrecognised-parameters warning, which Vault adds only to a response that has something to
	 * say: a 204 stays a 204.
	 */
	public VaultResponse withIgnoredParametersWarning(String warning) {
		return isEmpty() ? this : withWarning(warning);
	}

	/** The same envelope with another status (Vault's {@code RespondWithStatusCode}). */
	public VaultResponse withStatus(int status) {
		return new VaultResponse(status, this.data, this.auth, this.warnings, this.rawBody);
	}

	public int status() {
		return this.status;
	}

	public Object data() {
		return this.data;
	}

	public Map<String, Object> auth() {
		return this.auth;
	}

	public List<String> warnings() {
		return this.warnings;
	}

	public Object rawBody() {
		return this.rawBody;
	}

	public boolean isRaw() {
		return this.rawBody != null;
	}

	/** No body at all: a 204, or an {@link #empty(int)} status. */
	public boolean isEmpty() {
		return this.rawBody == null && this.data == null && this.auth == null && this.warnings.isEmpty()
				&& (this.status == 204 || this.emptyBody);
	}

}
