package io.github.vaultk8s.test.acl;

import java.util.EnumSet;
import java.util.Set;

/**
 * One {@code path "pattern" { capabilities = [...] }} block.
 *
 * @param pattern the path pattern, possibly with a trailing {@code *} and {@code +} segments
 * @param capabilities what it grants ({@link Capability#DENY} alone when it denies)
 */
public record PathRule(String pattern, Set<Capability> capabilities) {

	public PathRule {
		capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
	}

}
