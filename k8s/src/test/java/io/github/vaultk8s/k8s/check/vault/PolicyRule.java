package io.github.vaultk8s.k8s.check.vault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code path "..." { capabilities = [...] }} stanza of a Vault ACL policy.
 *
 * @param path the path pattern
 * @param capabilities its capabilities
 */
public record PolicyRule(String path, List<String> capabilities) {

	private static final Pattern STANZA = Pattern.compile("path\\s+\"([^\"]*)\"\\s*\\{([^}]*)}");

	private static final Pattern CAPABILITIES = Pattern.compile("capabilities\\s*=\\s*\\[([^\\]]*)]");

	/** The stanzas of an HCL policy; text outside stanzas is ignored. */
	public static List<PolicyRule> parse(String hcl) {
		List<PolicyRule> rules = new ArrayList<>();
		Matcher stanza = STANZA.matcher(hcl);
		while (stanza.find()) {
			Matcher capabilities = CAPABILITIES.matcher(stanza.group(2));
			List<String> names = capabilities.find() ? Arrays.stream(capabilities.group(1).split(","))
				.map((name) -> name.trim().replace("\"", ""))
				.filter((name) -> !name.isEmpty())
				.toList() : List.of();
			rules.add(new PolicyRule(stanza.group(1), names));
		}
		return rules;
	}

}
