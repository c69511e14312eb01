package io.github.vaultk8s.test.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.vaultk8s.test.http.Operation;

/**
 * The rules of a token's policies merged into one matcher, with Vault's precedence: an exact path wins;
 * otherwise the most specific of the longest trailing-{@code *} prefix and the {@code +} patterns that
 * match. The same pattern in several policies is the union of their capabilities, and {@code deny} in any
 * of them wins for that pattern.
 */
public final class Acl {

	private final boolean root;

	private final Map<String, Set<Capability>> exact = new HashMap<>();

	private final Map<String, Set<Capability>> prefixes = new HashMap<>();

	private final List<SegmentPattern> segmentPatterns = new ArrayList<>();

	private Acl(boolean root) {
		this.root = root;
	}

	/** The ACL of a set of policies; the {@code root} policy allows everything. */
	public static Acl of(Collection<Policy> policies) {
		boolean root = policies.stream().anyMatch((policy) -> PolicyStore.ROOT.equals(policy.name()));
		Acl acl = new Acl(root);
		Map<String, Set<Capability>> merged = new HashMap<>();
		for (Policy policy : policies) {
			for (PathRule rule : policy.rules()) {
				Set<Capability> capabilities = merged.computeIfAbsent(rule.pattern(),
						(key) -> EnumSet.noneOf(Capability.class));
				capabilities.addAll(rule.capabilities());
				if (capabilities.contains(Capability.DENY)) {
					capabilities.retainAll(Set.of(Capability.DENY));
				}
			}
		}
		merged.forEach((pattern, capabilities) -> {
			if (pattern.contains("+")) {
				acl.segmentPatterns.add(new SegmentPattern(pattern, capabilities));
			}
			else if (pattern.endsWith("*")) {
				acl.prefixes.put(pattern.substring(0, pattern.length() - 1), capabilities);
			}
			else {
				acl.exact.put(pattern, capabilities);
			}
		});
		return acl;
	}

	/** Whether the operation is allowed on the path (a list path ends with {@code /}). */
	public boolean allows(Operation operation, String path) {
		if (this.root) {
			return true;
		}
		Set<Capability> capabilities = capabilities(operation, path);
		return !capabilities.contains(Capability.DENY) && capabilities.contains(Capability.requiredFor(operation));
	}

	/** Whether the path grants {@code sudo} (root-protected endpoints). */
	public boolean allowsSudo(String path) {
		return this.root || capabilities(Operation.UPDATE, path).contains(Capability.SUDO);
	}

	public boolean isRoot() {
		return this.root;
	}

	/** The capabilities that apply to a path, as {@code sys/capabilities} would report them. */
	public Set<Capability> capabilities(Operation operation, String path) {
		if (this.root) {
			return EnumSet.of(Capability.ROOT);
		}
		Set<Capability> exactMatch = this.exact.get(path);
		if (exactMatch == null && operation == Operation.LIST && path.endsWith("/")) {
			exactMatch = this.exact.get(path.substring(0, path.length() - 1));
		}
		if (exactMatch != null) {
			return exactMatch;
		}
		Candidate best = longestPrefix(path);
		if (!this.segmentPatterns.isEmpty()) {
			String[] parts = path.split("/", -1);
			for (SegmentPattern pattern : this.segmentPatterns) {
				Candidate candidate = pattern.match(parts);
				if (candidate != null && (best == null || best.lessSpecificThan(candidate))) {
					best = candidate;
				}
			}
		}
		return (best != null) ? best.capabilities : Set.of();
	}

	private Candidate longestPrefix(String path) {
		for (int end = path.length(); end >= 0; end--) {
			Set<Capability> capabilities = this.prefixes.get(path.substring(0, end));
			if (capabilities != null) {
				String prefix = path.substring(0, end);
				return new Candidate(prefix, prefix.length(), true, 0, capabilities);
			}
		}
		return null;
	}

	/** A matching pattern described the way Vault ranks them. */
	private record Candidate(String pattern, int firstWildcard, boolean prefix, int wildcards,
			Set<Capability> capabilities) {

		boolean lessSpecificThan(Candidate other) {
			if (this.firstWildcard != other.firstWildcard) {
				return this.firstWildcard < other.firstWildcard;
			}
			if (this.prefix != other.prefix) {
				return this.prefix;
			}
			if (this.wildcards != other.wildcards) {
				return this.wildcards > other.wildcards;
			}
			if (this.pattern.length() != other.pattern.length()) {
				return this.pattern.length() < other.pattern.length();
			}
			return this.pattern.compareTo(other.pattern) > 0;
		}

	}

	/** A pattern with {@code +} segments, possibly ending in {@code *}. */
	private static final class SegmentPattern {

		private final String pattern;

		private final String[] segments;

		private final boolean prefix;

		private final int firstWildcard;

		private final Set<Capability> capabilities;

		SegmentPattern(String fullPattern, Set<Capability> capabilities) {
			this.prefix = fullPattern.endsWith("*");
			this.pattern = this.prefix ? fullPattern.substring(0, fullPattern.length() - 1) : fullPattern;
			this.segments = this.pattern.split("/", -1);
			this.firstWildcard = fullPattern.indexOf('+');
			this.capabilities = capabilities;
		}

		Candidate match(String[] parts) {
			if (!this.prefix && parts.length != this.segments.length) {
				return null;
			}
			if (this.prefix && parts.length < this.segments.length) {
				return null;
			}
			int wildcards = 0;
			for (int i = 0; i < this.segments.length; i++) {
				String segment = this.segments[i];
				if (segment.equals("+")) {
					wildcards++;
				}
				else if (!segment.equals(parts[i])
						&& !(this.prefix && i == this.segments.length - 1 && parts[i].startsWith(segment))) {
					return null;
				}
			}
			return new Candidate(this.pattern, this.firstWildcard, this.prefix, wildcards, this.capabilities);
		}

	}

}
