package io.github.vaultk8s.test.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.time.GoDuration;
import io.github.vaultk8s.test.time.VaultTimestamps;

/**
 * Vault's token store: {@code hvs.} service tokens with accessors, leases that expire in wall-clock time
 * (read from the {@link Clock}), renewal with Vault's TTL arithmetic, and revocation.
 */
public final class TokenStore implements TokenIssuer {

	/** {@code vault server -dev} mounts auth with a 768h default and max lease TTL. */
	public static final Duration DEV_MOUNT_TTL = Duration.ofHours(768);

	private static final char[] BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final Duration mountDefaultTtl;

	private final Duration mountMaxTtl;

	private final Map<String, TokenEntry> byId = new ConcurrentHashMap<>();

	private final Map<String, TokenEntry> byAccessor = new ConcurrentHashMap<>();

	/** Vault gives one login identity (auth path + alias) one entity, however often it logs in. */
	private final Map<String, String> entityIds = new ConcurrentHashMap<>();

	public TokenStore(Clock clock) {
		this(clock, DEV_MOUNT_TTL, DEV_MOUNT_TTL);
	}

	public TokenStore(Clock clock, Duration mountDefaultTtl, Duration mountMaxTtl) {
		this.clock = clock;
		this.mountDefaultTtl = mountDefaultTtl;
		this.mountMaxTtl = mountMaxTtl;
	}

	/** Creates a root token with the given id (the dev root token): policy {@code root}, no expiry. */
	public TokenEntry createRoot(String id) {
		TokenEntry entry = new TokenEntry(id, newAccessor(), List.of("root"), null, "root", "auth/token/root", "",
				this.clock.instant(), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0,
				false, true);
		store(entry);
		return entry;
	}

	@Override
	public Map<String, Object> issue(TokenRequest request) {
		return authBlock(create(request, true), Duration.ZERO);
	}

	/** Issues a token and returns its entry (for {@code auth/token/create} and the Java API). */
	public TokenEntry create(TokenRequest request, boolean orphan) {
		Duration maxTtl = effectiveMaxTtl(request.maxTtl(), request.explicitMaxTtl());
		Duration ttl;
		if (!request.period().isZero()) {
			ttl = min(request.period(), maxTtl);
		}
		else {
			ttl = min(request.ttl().isZero() ? this.mountDefaultTtl : request.ttl(), maxTtl);
		}
		String aliasKey = request.path() + "|" + request.metadata().getOrDefault("service_account_uid",
				request.displayName());
		String entityId = request.path().startsWith("auth/token/") ? ""
				: this.entityIds.computeIfAbsent(aliasKey, (key) -> UUID.randomUUID().toString());
		TokenEntry entry = new TokenEntry(newToken(), newAccessor(), normalizePolicies(request), request.metadata(),
				request.displayName(), request.path(), entityId, this.clock.instant(), ttl, request.ttl(), maxTtl,
				request.period(), request.explicitMaxTtl(), request.numUses(), true, orphan);
		store(entry);
		return entry;
	}

	/** The token if it is known, not revoked and not expired; expired tokens are forgotten on the way. */
	public Optional<TokenEntry> lookup(String token) {
		if (token == null) {
			return Optional.empty();
		}
		TokenEntry entry = this.byId.get(token);
		if (entry == null) {
			return Optional.empty();
		}
		if (!entry.isValidAt(this.clock.instant())) {
			forget(entry);
			return Optional.empty();
		}
		return Optional.of(entry);
	}

	public Optional<TokenEntry> lookupByAccessor(String accessor) {
		TokenEntry entry = (accessor != null) ? this.byAccessor.get(accessor) : null;
		return (entry != null) ? lookup(entry.id()) : Optional.empty();
	}

	/** Accessors of all live tokens. */
	public List<String> accessors() {
		Instant now = this.clock.instant();
		TreeSet<String> accessors = new TreeSet<>();
		for (TokenEntry entry : this.byAccessor.values()) {
			if (entry.isValidAt(now)) {
				accessors.add(entry.accessor());
			}
		}
		return new ArrayList<>(accessors);
	}

	public void revoke(TokenEntry entry) {
		entry.revoke();
		forget(entry);
	}

	/** Revokes every token: what a restart without state means for clients. */
	public void revokeAll() {
		for (TokenEntry entry : List.copyOf(this.byId.values())) {
			revoke(entry);
		}
	}

	/**
	 * Renews a token's lease with Vault's arithmetic and returns the login-shaped {@code auth} block plus
	 * the warnings.
	 */
	public Renewal renew(TokenEntry entry, Duration increment) {
		Instant now = this.clock.instant();
		synchronized (entry) {
			if (entry.isRevoked()) {
				throw VaultApiError.badRequest("lease not found");
			}
			if (!entry.isRenewable()) {
				throw VaultApiError.badRequest("lease is not renewable");
			}
			if (!entry.isValidAt(now)) {
				throw VaultApiError.badRequest("lease expired");
			}
			List<String> warnings = new ArrayList<>();
			Duration maxTtl = entry.maxTtl();
			Duration ttl;
			if (!entry.period().isZero()) {
				ttl = entry.period();
				if (ttl.compareTo(maxTtl) > 0) {
					warnings.add("period of \"" + GoDuration.human(ttl) + "\" exceeded the effective max_ttl of \""
							+ GoDuration.human(maxTtl) + "\"; period value is capped accordingly");
					ttl = maxTtl;
				}
			}
			else {
				if (!increment.isZero() && !increment.isNegative()) {
					ttl = increment;
				}
				else if (!entry.roleTtl().isZero()) {
					ttl = entry.roleTtl();
				}
				else {
					ttl = this.mountDefaultTtl;
				}
				Duration maxValid = Duration.between(now, entry.issueTime().plus(maxTtl));
				if (maxValid.isNegative() || maxValid.isZero()) {
					throw VaultApiError.badRequest("past the max TTL, cannot renew");
				}
				if (ttl.compareTo(maxValid) > 0) {
					warnings.add("TTL of \"" + GoDuration.human(ttl) + "\" exceeded the effective max_ttl of \""
							+ GoDuration.human(truncateToSeconds(maxValid))
							+ "\"; TTL value is capped accordingly");
					ttl = maxValid;
				}
			}
			entry.renewed(now, ttl);
			return new Renewal(authBlock(entry, ttl), warnings);
		}
	}

	/** What {@code lookup-self}, {@code lookup} and {@code lookup-accessor} answer about a token. */
	public Map<String, Object> describe(TokenEntry entry, boolean includeId) {
		Instant now = this.clock.instant();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("accessor", entry.accessor());
		data.put("creation_time", entry.issueTime().getEpochSecond());
		data.put("creation_ttl", entry.creationTtl().toSeconds());
		data.put("display_name", entry.displayName());
		data.put("entity_id", entry.entityId());
		Instant expireTime = entry.expireTime();
		data.put("expire_time", (expireTime != null) ? VaultTimestamps.format(expireTime)
				: null);
		data.put("explicit_max_ttl", entry.explicitMaxTtl().toSeconds());
		data.put("id", includeId ? entry.id() : "");
		if (expireTime != null) {
			data.put("issue_time", VaultTimestamps.format(entry.issueTime()));
		}
		Instant lastRenewal = entry.lastRenewal();
		if (lastRenewal != null) {
			data.put("last_renewal", VaultTimestamps.format(lastRenewal));
			data.put("last_renewal_time", lastRenewal.getEpochSecond());
		}
		data.put("meta", entry.metadata());
		data.put("num_uses", entry.numUses());
		data.put("orphan", entry.isOrphan());
		data.put("path", entry.path());
		if (!entry.period().isZero()) {
			data.put("period", entry.period().toSeconds());
		}
		data.put("policies", entry.policies());
		if (expireTime != null) {
			data.put("renewable", entry.isRenewable());
		}
		data.put("ttl", (expireTime != null) ? Math.max(0, Duration.between(now, expireTime).toSeconds()) : 0);
		data.put("type", "service");
		return data;
	}

	/** Vault's login {@code auth} block for a token. */
	public Map<String, Object> authBlock(TokenEntry entry, Duration leaseDuration) {
		Duration lease = leaseDuration.isZero() ? entry.creationTtl() : leaseDuration;
		Map<String, Object> auth = new LinkedHashMap<>();
		auth.put("client_token", entry.id());
		auth.put("accessor", entry.accessor());
		auth.put("policies", entry.policies());
		auth.put("token_policies", entry.policies());
		auth.put("metadata", entry.metadata());
		auth.put("lease_duration", lease.toSeconds());
		auth.put("renewable", entry.isRenewable());
		auth.put("entity_id", entry.entityId());
		auth.put("token_type", "service");
		auth.put("orphan", entry.isOrphan());
		auth.put("mfa_requirement", null);
		auth.put("num_uses", entry.numUses());
		return auth;
	}

	private Duration effectiveMaxTtl(Duration roleMax, Duration explicitMax) {
		Duration max = this.mountMaxTtl;
		if (!roleMax.isZero() && roleMax.compareTo(max) < 0) {
			max = roleMax;
		}
		if (!explicitMax.isZero() && explicitMax.compareTo(max) < 0) {
			max = explicitMax;
		}
		return max;
	}

	private static List<String> normalizePolicies(TokenRequest request) {
		TreeSet<String> policies = new TreeSet<>();
		for (String policy : request.policies()) {
			String name = policy.trim().toLowerCase(Locale.ROOT);
			if (!name.isEmpty()) {
				policies.add(name);
			}
		}
		if (!request.noDefaultPolicy()) {
			policies.add("default");
		}
		return new ArrayList<>(policies);
	}

	private void store(TokenEntry entry) {
		this.byId.put(entry.id(), entry);
		this.byAccessor.put(entry.accessor(), entry);
	}

	private void forget(TokenEntry entry) {
		this.byId.remove(entry.id(), entry);
		this.byAccessor.remove(entry.accessor(), entry);
	}

	private String newToken() {
		return "hvs." + randomString(24);
	}

	private String newAccessor() {
		return randomString(24);
	}

	private String randomString(int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = BASE62[this.random.nextInt(BASE62.length)];
		}
		return new String(chars);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static Duration truncateToSeconds(Duration duration) {
		return Duration.ofSeconds(duration.getSeconds());
	}

	/** Live tokens, for tests and the request log. */
	Collection<TokenEntry> entries() {
		return this.byId.values();
	}

	/**
	 * The outcome of a renewal.
	 * @param auth the login-shaped {@code auth} block with the new {@code lease_duration}
	 * @param warnings e.g. the max-TTL capping warning
	 */
	public record Renewal(Map<String, Object> auth, List<String> warnings) {
	}

}
