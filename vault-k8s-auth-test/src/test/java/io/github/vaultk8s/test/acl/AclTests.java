package io.github.vaultk8s.test.acl;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.vaultk8s.test.http.Operation;
import io.github.vaultk8s.test.server.DevState;

import static org.assertj.core.api.Assertions.assertThat;

class AclTests {

	private static Acl acl(String... hcl) {
		List<Policy> policies = new java.util.ArrayList<>();
		for (int i = 0; i < hcl.length; i++) {
			policies.add(new Policy("p" + i, hcl[i], PolicyParser.parse(hcl[i])));
		}
		return Acl.of(policies);
	}

	@Test
	void denyByDefault() {
		Acl acl = acl("path \"secret/data/a\" { capabilities = [\"read\"] }");
		assertThat(acl.allows(Operation.READ, "secret/data/b")).isFalse();
		assertThat(acl.allows(Operation.UPDATE, "secret/data/a")).isFalse();
		assertThat(acl.allows(Operation.READ, "secret/data/a")).isTrue();
	}

	@Test
	void trailingStarIsAPrefixThatSpansSegmentsAndMatchesEmpty() {
		Acl acl = acl("path \"secret/data/testapp*\" { capabilities = [\"read\"] }");
		assertThat(acl.allows(Operation.READ, "secret/data/testapp")).isTrue();
		assertThat(acl.allows(Operation.READ, "secret/data/testapp2")).isTrue();
		assertThat(acl.allows(Operation.READ, "secret/data/testapp/a/b/c")).isTrue();
		assertThat(acl.allows(Operation.READ, "secret/data/testap")).isFalse();
	}

	@Test
	void testappPolicyDoesNotReachSiblings() {
		Acl acl = acl(DevState.POLICY_HCL);
		assertThat(acl.allows(Operation.CREATE, "secret/data/testapp/db")).isTrue();
		assertThat(acl.allows(Operation.PATCH, "secret/data/testapp/db")).isTrue();
		assertThat(acl.allows(Operation.READ, "secret/data/testapp")).isTrue();
		assertThat(acl.allows(Operation.READ, "secret/data/testapp2")).isFalse();
		assertThat(acl.allows(Operation.READ, "secret/data/other")).isFalse();
		assertThat(acl.allows(Operation.LIST, "secret/metadata/testapp/dir/")).isTrue();
		// As in Vault: a LIST also tries the exact rule without the slash, and that one has no "list".
		assertThat(acl.allows(Operation.LIST, "secret/metadata/testapp/")).isFalse();
		assertThat(acl.allows(Operation.LIST, "secret/metadata/")).isFalse();
		assertThat(acl.allows(Operation.UPDATE, "secret/destroy/testapp/db")).isTrue();
		assertThat(acl.allows(Operation.CREATE, "secret/metadata/testapp/db")).isFalse();
	}

	@Test
	void listChecksThePathWithTrailingSlashAndExactRuleWithout() {
		Acl acl = acl("path \"secret/metadata/app\" { capabilities = [\"list\"] }");
		assertThat(acl.allows(Operation.LIST, "secret/metadata/app/")).isTrue();
		Acl prefix = acl("path \"secret/metadata/app/*\" { capabilities = [\"list\"] }");
		assertThat(prefix.allows(Operation.LIST, "secret/metadata/app/")).isTrue();
		assertThat(prefix.allows(Operation.LIST, "secret/metadata/ap/")).isFalse();
	}

	@Test
	void exactBeatsGlobAndLongerGlobBeatsShorter() {
		Acl acl = acl("""
				path "secret/*" { capabilities = ["read"] }
				path "secret/data/*" { capabilities = ["deny"] }
				path "secret/data/open" { capabilities = ["read"] }
				""");
		assertThat(acl.allows(Operation.READ, "secret/other")).isTrue();
		assertThat(acl.allows(Operation.READ, "secret/data/closed")).isFalse();
		assertThat(acl.allows(Operation.READ, "secret/data/open")).isTrue();
	}

	@Test
	void plusMatchesExactlyOneSegment() {
		Acl acl = acl("path \"secret/data/+/config\" { capabilities = [\"read\"] }");
		assertThat(acl.allows(Operation.READ, "secret/data/app/config")).isTrue();
		assertThat(acl.allows(Operation.READ, "secret/data/a/b/config")).isFalse();
		assertThat(acl.allows(Operation.READ, "secret/data/app/config2")).isFalse();
	}

	@Test
	void laterFirstWildcardWins() {
		// foo/bar/+ is more specific than foo/+/baz for foo/bar/baz
		Acl acl = acl("""
				path "foo/+/baz" { capabilities = ["deny"] }
				path "foo/bar/+" { capabilities = ["read"] }
				""");
		assertThat(acl.allows(Operation.READ, "foo/bar/baz")).isTrue();
	}

	@Test
	void nonPrefixBeatsPrefixAtTheSameWildcardPosition() {
		Acl acl = acl("""
				path "foo/+/bar" { capabilities = ["read"] }
				path "foo/+/*" { capabilities = ["deny"] }
				""");
		assertThat(acl.allows(Operation.READ, "foo/x/bar")).isTrue();
		assertThat(acl.allows(Operation.READ, "foo/x/baz")).isFalse();
	}

	@Test
	void fewerPlusSegmentsWin() {
		Acl acl = acl("""
				path "foo/+/+/baz" { capabilities = ["deny"] }
				path "foo/+/bar/baz" { capabilities = ["read"] }
				""");
		assertThat(acl.allows(Operation.READ, "foo/x/bar/baz")).isTrue();
	}

	@Test
	void longerPatternWinsWhenAllElseIsEqual() {
		Acl acl = acl("""
				path "foo/+/bar/b*" { capabilities = ["deny"] }
				path "foo/+/bar/ba*" { capabilities = ["read"] }
				""");
		assertThat(acl.allows(Operation.READ, "foo/x/bar/baz")).isTrue();
		assertThat(acl.allows(Operation.READ, "foo/x/bar/bz")).isFalse();
	}

	@Test
	void plainGlobCompetesWithPlusPatterns() {
		// The glob's wildcard comes later (position 12) than the + (position 4): the glob wins.
		Acl acl = acl("""
				path "foo/+/bar/baz" { capabilities = ["deny"] }
				path "foo/abc/bar/*" { capabilities = ["read"] }
				""");
		assertThat(acl.allows(Operation.READ, "foo/abc/bar/baz")).isTrue();
	}

	@Test
	void samePatternInSeveralPoliciesIsTheUnionAndDenyWins() {
		Acl union = acl("path \"s/a\" { capabilities = [\"read\"] }", "path \"s/a\" { capabilities = [\"update\"] }");
		assertThat(union.allows(Operation.READ, "s/a")).isTrue();
		assertThat(union.allows(Operation.UPDATE, "s/a")).isTrue();
		Acl denied = acl("path \"s/a\" { capabilities = [\"read\"] }", "path \"s/a\" { capabilities = [\"deny\"] }");
		assertThat(denied.allows(Operation.READ, "s/a")).isFalse();
	}

	@Test
	void rootAllowsEverythingIncludingSudo() {
		Acl root = Acl.of(List.of(new Policy(PolicyStore.ROOT, "", List.of())));
		assertThat(root.allows(Operation.DELETE, "anything/at/all")).isTrue();
		assertThat(root.allowsSudo("sys/seal")).isTrue();
		assertThat(acl("path \"sys/seal\" { capabilities = [\"update\"] }").allowsSudo("sys/seal")).isFalse();
		assertThat(acl("path \"sys/seal\" { capabilities = [\"update\", \"sudo\"] }").allowsSudo("sys/seal"))
			.isTrue();
	}

	@Test
	void defaultPolicyLetsATokenManageItself() {
		PolicyStore store = new PolicyStore();
		Acl acl = store.aclFor(List.of("default"));
		assertThat(acl.allows(Operation.READ, "auth/token/lookup-self")).isTrue();
		assertThat(acl.allows(Operation.UPDATE, "auth/token/renew-self")).isTrue();
		assertThat(acl.allows(Operation.UPDATE, "auth/token/revoke-self")).isTrue();
		assertThat(acl.allows(Operation.READ, "secret/data/x")).isFalse();
		assertThat(acl.allows(Operation.UPDATE, "auth/token/create")).isFalse();
	}

	@Test
	void storeRecompilesAfterAPolicyChanges() {
		PolicyStore store = new PolicyStore();
		store.write("app", "path \"a\" { capabilities = [\"read\"] }");
		assertThat(store.aclFor(List.of("app")).allows(Operation.READ, "a")).isTrue();
		store.write("App", "path \"b\" { capabilities = [\"read\"] }");
		assertThat(store.aclFor(List.of("app")).allows(Operation.READ, "a")).isFalse();
		assertThat(store.aclFor(List.of("app")).allows(Operation.READ, "b")).isTrue();
		store.delete("app");
		assertThat(store.aclFor(List.of("app")).allows(Operation.READ, "b")).isFalse();
		assertThat(store.names()).containsExactly("default", "root");
	}

}
