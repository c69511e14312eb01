package io.github.vaultk8s.test.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One token in the store. Identity fields are fixed; the lease (expiry, last renewal) moves with renewals
 * and is guarded by the entry's monitor.
 */
public final class TokenEntry {

	private final String id;

	private final String accessor;

	private final List<String> policies;

	private final Map<String, String> metadata;

	private final String displayName;

	private final String path;

	private final String entityId;

	private final Instant issueTime;

	private final Duration creationTtl;

	private final Duration roleTtl;

	private final Duration maxTtl;

	private final Duration period;

	private final Duration explicitMaxTtl;

	private final int numUses;

	private final boolean renewable;

	private final boolean orphan;

	private Instant expireTime;

	private Instant lastRenewal;

	private boolean revoked;

	TokenEntry(String id, String accessor, List<String> policies, Map<String, String> metadata, String displayName,
			String path, String entityId, Instant issueTime, Duration creationTtl, Duration roleTtl, Duration maxTtl,
			Duration period, Duration explicitMaxTtl, int numUses, boolean renewable, boolean orphan) {
		this.id = id;
		this.accessor = accessor;
		this.policies = List.copyOf(policies);
		this.metadata = (metadata != null) ? Map.copyOf(metadata) : null;
		this.displayName = displayName;
		this.path = path;
		this.entityId = entityId;
		this.issueTime = issueTime;
		this.creationTtl = creationTtl;
		this.roleTtl = roleTtl;
		this.maxTtl = maxTtl;
		this.period = period;
		this.explicitMaxTtl = explicitMaxTtl;
		this.numUses = numUses;
		this.renewable = renewable;
		this.orphan = orphan;
		this.expireTime = creationTtl.isZero() ? null : issueTime.plus(creationTtl);
	}

	public String id() {
		return this.id;
	}

	public String accessor() {
		return this.accessor;
	}

	/** Sorted, lower-case, with {@code default} unless left out on purpose. */
	public List<String> policies() {
		return this.policies;
	}

	public Map<String, String> metadata() {
		return this.metadata;
	}

	public String displayName() {
		return this.displayName;
	}

	public String path() {
		return this.path;
	}

	public String entityId() {
		return this.entityId;
	}

	public Instant issueTime() {
		return this.issueTime;
	}

	public Duration creationTtl() {
		return this.creationTtl;
	}

	Duration roleTtl() {
		return this.roleTtl;
	}

	/** The effective cap from issue time: the smallest of mount, role and explicit max TTLs. */
	Duration maxTtl() {
		return this.maxTtl;
	}

	public Duration period() {
		return this.period;
	}

	public Duration explicitMaxTtl() {
		return this.explicitMaxTtl;
	}

	public int numUses() {
		return this.numUses;
	}

	public boolean isRenewable() {
		return this.renewable && this.expireTime != null;
	}

	public boolean isOrphan() {
		return this.orphan;
	}

	/** {@code null} for tokens that never expire (root). */
	public synchronized Instant expireTime() {
		return this.expireTime;
	}

	public synchronized Instant lastRenewal() {
		return this.lastRenewal;
	}

	synchronized boolean isValidAt(Instant now) {
		return !this.revoked && (this.expireTime == null || now.isBefore(this.expireTime));
	}

	synchronized boolean isRevoked() {
		return this.revoked;
	}

	synchronized void revoke() {
		this.revoked = true;
	}

	synchronized void renewed(Instant now, Duration ttl) {
		this.lastRenewal = now;
		this.expireTime = now.plus(ttl);
	}

}
