package io.github.vaultk8s.test.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ACL policies by name, with the built-in {@code root} (everything, cannot change) and {@code default}
 * (a token may look itself up, renew and revoke itself; may be rewritten, never deleted). Compiled
 * {@link Acl}s are cached per set of policy names until a policy changes.
 */
public final class PolicyStore {

	public static final String ROOT = "root";

	public static final String DEFAULT = "default";

	/** The parts of Vault's built-in default policy that matter to a service token. */
	static final String DEFAULT_POLICY_TEXT = """
			# Allow tokens to look up their own properties
			path "auth/token/lookup-self" {
			    capabilities = ["read"]
			}

			# Allow tokens to renew themselves
			path "auth/token/renew-self" {
			    capabilities = ["update"]
			}

			# Allow tokens to revoke themselves
			path "auth/token/revoke-self" {
			    capabilities = ["update"]
			}

			# Allow a token to look up its own capabilities on a path
			path "sys/capabilities-self" {
			    capabilities = ["update"]
			}

			# Allow a token to look up its own entity by id or name
			path "identity/entity/id/{{identity.entity.id}}" {
			  capabilities = ["read"]
			}
			path "identity/entity/name/{{identity.entity.name}}" {
			  capabilities = ["read"]
			}
			""";

	private final Map<String, Policy> policies = new ConcurrentHashMap<>();

	/** Replaced, not cleared, on every change: an ACL compiled from old policies lands in a dead map. */
	private volatile Map<List<String>, Acl> aclCache = new ConcurrentHashMap<>();

	public PolicyStore() {
		this.policies.put(DEFAULT, new Policy(DEFAULT, DEFAULT_POLICY_TEXT, PolicyParser.parse(DEFAULT_POLICY_TEXT)));
	}

	/**
	 * Stores a policy under a (lower-cased) name.
	 * @throws IllegalArgumentException when the text does not parse or the name is {@code root}
	 */
	public void write(String name, String text) {
		String key = name.toLowerCase(Locale.ROOT);
		if (ROOT.equals(key)) {
			throw new IllegalArgumentException("cannot update \"root\" policy");
		}
		List<PathRule> rules;
		try {
			rules = PolicyParser.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("failed to parse policy: " + ex.getMessage());
		}
		this.policies.put(key, new Policy(key, text, rules));
		this.aclCache = new ConcurrentHashMap<>();
	}

	public Optional<Policy> read(String name) {
		String key = name.toLowerCase(Locale.ROOT);
		if (ROOT.equals(key)) {
			return Optional.of(new Policy(ROOT, "", List.of()));
		}
		return Optional.ofNullable(this.policies.get(key));
	}

	/**
	 * Deletes a policy; deleting one that does not exist is fine.
	 * @throws IllegalArgumentException for {@code root} and {@code default}
	 */
	public void delete(String name) {
		String key = name.toLowerCase(Locale.ROOT);
		if (ROOT.equals(key) || DEFAULT.equals(key)) {
			throw new IllegalArgumentException("cannot delete \"" + key + "\" policy");
		}
		this.policies.remove(key);
		this.aclCache = new ConcurrentHashMap<>();
	}

	/** All policy names, sorted, including {@code root}. */
	public List<String> names() {
		TreeSet<String> names = new TreeSet<>(this.policies.keySet());
		names.add(ROOT);
		return new ArrayList<>(names);
	}

	/** The ACL for a token's policies; names without a stored policy grant nothing. */
	public Acl aclFor(List<String> policyNames) {
		return this.aclCache.computeIfAbsent(List.copyOf(policyNames), (names) -> {
			List<Policy> found = new ArrayList<>();
			for (String name : names) {
				read(name).ifPresent(found::add);
			}
			return Acl.of(found);
		});
	}

}
