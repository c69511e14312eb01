package io.github.vaultk8s.auth.session;

/**
 * Why the session logged in again after it had a token. The lower-case, dashed form is the {@code reason} tag of
 * the {@code vault.session.relogins} counter.
 */
public enum ReloginReason {

	/** Renewal was capped by the token's max TTL: a planned login before the token expires. */
	MAX_TTL,

	/** The token cannot be renewed: a planned login before it expires. */
	NOT_RENEWABLE,

	/** Vault refused the renewal (4xx): the token is gone. */
	RENEWAL_DENIED,

	/** Renewal kept failing (network, 5xx) until shortly before expiry. */
	RENEWAL_FAILED,

	/** A request was answered 403 and lookup-self showed the token dead (revoked, Vault reset). */
	REVOKED,

	/** The token expired before it could be replaced. */
	EXPIRED;

	/**
	 * The tag value.
	 * @return e.g. {@code max-ttl}
	 */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
