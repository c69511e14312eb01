package io.github.vaultk8s.test.acl;

import java.util.List;

/**
 * A named ACL policy: its source text as written and the rules parsed from it.
 */
public record Policy(String name, String text, List<PathRule> rules) {

	public Policy {
		rules = List.copyOf(rules);
	}

}
