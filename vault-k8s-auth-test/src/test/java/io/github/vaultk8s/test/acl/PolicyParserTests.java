package io.github.vaultk8s.test.acl;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.vaultk8s.test.server.DevState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PolicyParserTests {

	@Test
	void parsesTheTestappPolicy() {
		List<PathRule> rules = PolicyParser.parse(DevState.POLICY_HCL);
		assertThat(rules).hasSize(7);
		assertThat(rules.get(0)).isEqualTo(new PathRule("secret/data/testapp", Set.of(Capability.CREATE,
				Capability.READ, Capability.UPDATE, Capability.PATCH, Capability.DELETE)));
		assertThat(rules.get(3).capabilities()).contains(Capability.LIST);
		assertThat(rules.get(6)).isEqualTo(new PathRule("secret/destroy/testapp/*", Set.of(Capability.UPDATE)));
	}

	@Test
	void acceptsCommentsMultiLineBlocksAndIgnoredParameters() {
		String hcl = """
				# a comment
				// another
				/* and a
				   block comment */
				path "secret/data/a" {
				  capabilities = [
				    "read", # trailing comment
				    "list",
				  ]
				  allowed_parameters = {
				    "key" = []
				  }
				}
				path "/secret/data/b" { policy = "write" }
				""";
		List<PathRule> rules = PolicyParser.parse(hcl);
		assertThat(rules).containsExactly(new PathRule("secret/data/a", Set.of(Capability.READ, Capability.LIST)),
				new PathRule("secret/data/b", Set.of(Capability.CREATE, Capability.READ, Capability.UPDATE,
						Capability.DELETE, Capability.LIST)));
	}

	@Test
	void mergesRepeatedPathsAndDenyWins() {
		String hcl = """
				path "a/*" { capabilities = ["read"] }
				path "a/*" { capabilities = ["update"] }
				path "b" { capabilities = ["read"] }
				path "b" { capabilities = ["deny"] }
				""";
		assertThat(PolicyParser.parse(hcl)).containsExactly(
				new PathRule("a/*", Set.of(Capability.READ, Capability.UPDATE)),
				new PathRule("b", Set.of(Capability.DENY)));
	}

	@Test
	void parsesJsonPolicies() {
		String json = """
				{"path": {"secret/data/x": {"capabilities": ["read", "create"]},
				          "secret/metadata/*": {"capabilities": ["list"]}}}
				""";
		assertThat(PolicyParser.parse(json)).containsExactlyInAnyOrder(
				new PathRule("secret/data/x", Set.of(Capability.READ, Capability.CREATE)),
				new PathRule("secret/metadata/*", Set.of(Capability.LIST)));
	}

	@Test
	void rejectsBrokenPolicies() {
		assertThatIllegalArgumentException().isThrownBy(() -> PolicyParser.parse("path \"a\" { capabilities = [\"fly\"] }"))
			.withMessageContaining("invalid capability \"fly\"");
		assertThatIllegalArgumentException().isThrownBy(() -> PolicyParser.parse("path \"a\" { capabilities = [\"read\""));
		assertThatIllegalArgumentException().isThrownBy(() -> PolicyParser.parse("path \"a\" "));
		assertThatIllegalArgumentException().isThrownBy(() -> PolicyParser.parse("nonsense \"a\" {}"))
			.withMessageContaining("invalid key \"nonsense\"");
		assertThatIllegalArgumentException().isThrownBy(() -> PolicyParser.parse("{\"path\": "));
	}

	@Test
	void emptyPolicyHasNoRules() {
		assertThat(PolicyParser.parse("# nothing here\n")).isEmpty();
	}

}
