package io.github.vaultk8s.test.contract;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.vaultk8s.test.contract.VaultHttpClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 4 of the notes (and the 403 bodies of section 2): policy CRUD and how ACLs decide. Tokens come
 * from Kubernetes logins through roles carrying the policies under test.
 */
abstract class AclContract extends VaultContract {

	@Test
	void policyCrud() {
		String name = unique("policy");
		String hcl = "path \"secret/data/" + name + "\" { capabilities = [\"read\"] }";

		assertNoContent(root().put("sys/policies/acl/" + name, body("policy", hcl)));

		VaultHttpResponse read = root().get("sys/policies/acl/" + name);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.data().path("name").asString()).isEqualTo(name);
		assertThat(read.data().path("policy").asString()).isEqualTo(hcl);

		VaultHttpResponse list = root().list("sys/policies/acl");
		assertThat(list.status()).isEqualTo(200);
		assertThat(VaultHttpResponse.strings(list.data().path("keys"))).contains(name, "default");
		assertThat(VaultHttpResponse.strings(root().get("sys/policies/acl?list=true").data().path("keys")))
			.contains(name, "default");

		assertNoContent(root().delete("sys/policies/acl/" + name));
		assertEmptyNotFound(root().get("sys/policies/acl/" + name));
		assertThat(VaultHttpResponse.strings(root().list("sys/policies/acl").data().path("keys"))).doesNotContain(name);
	}

	@Test
	void defaultPolicyAllowsOnlyTheTokenSelfService() {
		String token = tokenWithPolicies();
		String key = unique("acl");
		root().post("secret/data/" + key, body("data", Map.of("k", "v")));

		VaultHttpResponse lookup = as(token).get("auth/token/lookup-self");
		assertThat(lookup.status()).isEqualTo(200);
		assertThat(VaultHttpResponse.strings(lookup.data().path("policies"))).containsExactly("default");
		assertThat(as(token).post("auth/token/renew-self", body()).status()).isEqualTo(200);

		assertForbidden(as(token).get("secret/data/" + key), POLICY_DENIED);
		assertForbidden(as(token).get("sys/policies/acl/default"), POLICY_DENIED);
		assertForbidden(as(token).list("auth/token/accessors"), POLICY_DENIED);
		assertThat(root().get("sys/policies/acl/default").data().path("policy").asString())
			.contains("auth/token/lookup-self");
	}

	@Test
	void starMatchesAnyRestIncludingSlashes() {
		String prefix = unique("star");
		writeSecret(prefix + "/a/b");
		writeSecret(prefix + "x");
		String token = tokenWith(rule("secret/data/" + prefix + "/*", "read"));

		assertThat(as(token).get("secret/data/" + prefix + "/a/b").status()).isEqualTo(200);
		assertForbidden(as(token).get("secret/data/" + prefix + "x"), POLICY_DENIED);
		assertForbidden(as(token).get("secret/data/" + prefix), POLICY_DENIED);
		assertForbidden(as(token).post("secret/data/" + prefix + "/a/b", data()), POLICY_DENIED);
	}

	@Test
	void starMatchesAnEmptyRestSoAListOfTheFolderIsAllowed() {
		String prefix = unique("star");
		writeSecret(prefix + "/a");
		String token = tokenWith(rule("secret/metadata/" + prefix + "/*", "list"));

		VaultHttpResponse listed = as(token).list("secret/metadata/" + prefix);
		assertThat(listed.status()).as("LIST is checked as %s/, which the glob matches", prefix).isEqualTo(200);
		assertThat(VaultHttpResponse.strings(listed.data().path("keys"))).containsExactly("a");
		assertThat(as(token).list("secret/metadata/" + prefix + "/").status()).isEqualTo(200);
		assertThat(as(token).get("secret/metadata/" + prefix + "?list=true").status()).isEqualTo(200);
		// What Spring Vault sends for VaultVersionedKeyValueOperations.list("<prefix>/").
		assertThat(as(token).get("secret/metadata/" + prefix + "/?list=true").status()).isEqualTo(200);
	}

	@Test
	void plusMatchesExactlyOneSegment() {
		String prefix = unique("plus");
		writeSecret(prefix + "/a/leaf");
		writeSecret(prefix + "/a/b/leaf");
		writeSecret(prefix + "/a/other");
		String token = tokenWith(rule("secret/data/" + prefix + "/+/leaf", "read"));

		assertThat(as(token).get("secret/data/" + prefix + "/a/leaf").status()).isEqualTo(200);
		assertForbidden(as(token).get("secret/data/" + prefix + "/a/b/leaf"), POLICY_DENIED);
		assertForbidden(as(token).get("secret/data/" + prefix + "/a/other"), POLICY_DENIED);
	}

	@Test
	void mostSpecificPatternWinsWithoutMerging() {
		String prefix = unique("priority");
		writeSecret(prefix + "/fixed");
		writeSecret(prefix + "/a/locked");
		String token = tokenWith(rule("secret/data/" + prefix + "/*", "create", "read", "update")
				+ rule("secret/data/" + prefix + "/fixed", "read")
				+ rule("secret/data/" + prefix + "/+/locked", "read"));

		assertThat(as(token).post("secret/data/" + prefix + "/free", data()).status()).isEqualTo(200);
		assertThat(as(token).get("secret/data/" + prefix + "/fixed").status()).isEqualTo(200);
		assertForbidden(as(token).post("secret/data/" + prefix + "/fixed", data()), POLICY_DENIED);
		assertThat(as(token).get("secret/data/" + prefix + "/a/locked").status()).isEqualTo(200);
		assertForbidden(as(token).post("secret/data/" + prefix + "/a/locked", data()), POLICY_DENIED);
		assertThat(as(token).post("secret/data/" + prefix + "/a/open", data()).status()).isEqualTo(200);
	}

	@Test
	void samePatternInSeveralPoliciesIsAUnion() {
		String prefix = unique("union");
		String pattern = "secret/data/" + prefix + "/*";
		String reader = policy(rule(pattern, "read"));
		String creator = policy(rule(pattern, "create"));
		String token = tokenWithPolicies(reader, creator);

		assertThat(as(token).post("secret/data/" + prefix + "/k", data()).status()).isEqualTo(200);
		assertThat(as(token).get("secret/data/" + prefix + "/k").status()).isEqualTo(200);
	}

	@Test
	void denyWinsOverAnyGrant() {
		String prefix = unique("deny");
		writeSecret(prefix + "/k");
		String pattern = "secret/data/" + prefix + "/*";
		String reader = policy(rule(pattern, "read"));
		String denier = policy(rule(pattern, "deny"));

		assertThat(as(tokenWithPolicies(reader)).get("secret/data/" + prefix + "/k").status()).isEqualTo(200);
		assertForbidden(as(tokenWithPolicies(reader, denier)).get("secret/data/" + prefix + "/k"), POLICY_DENIED);
	}

	@Test
	void createIsForNewKeysAndUpdateForExistingOnes() {
		String prefix = unique("cu");
		String creatorToken = tokenWith(rule("secret/data/" + prefix + "/*", "create"));
		String updaterToken = tokenWith(rule("secret/data/" + prefix + "/*", "update"));

		assertThat(as(creatorToken).post("secret/data/" + prefix + "/new", data()).status()).isEqualTo(200);
		assertForbidden(as(creatorToken).post("secret/data/" + prefix + "/new", data()), POLICY_DENIED);

		assertForbidden(as(updaterToken).post("secret/data/" + prefix + "/other", data()), POLICY_DENIED);
		writeSecret(prefix + "/other");
		assertThat(as(updaterToken).post("secret/data/" + prefix + "/other", data()).status()).isEqualTo(200);
		assertThat(as(updaterToken).put("secret/data/" + prefix + "/other", data()).status()).isEqualTo(200);
	}

	/**
	 * A list request's path ends in {@code /}; Vault's {@code ACL.AllowOperation} first looks for an exact
	 * rule for that path, then (LIST only) for an exact rule for the path without the slash, then globs.
	 * The notes' "checked against the path with the trailing /" is that first step only.
	 */
	@Test
	void listMatchesAnExactRuleWithOrWithoutTheTrailingSlash() {
		String prefix = unique("list");
		writeSecret(prefix + "/a");
		String withSlash = tokenWith(rule("secret/metadata/" + prefix + "/", "list"));
		String withoutSlash = tokenWith(rule("secret/metadata/" + prefix, "list"));

		VaultHttpResponse listed = as(withSlash).list("secret/metadata/" + prefix);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(VaultHttpResponse.strings(listed.data().path("keys"))).containsExactly("a");
		assertThat(as(withSlash).get("secret/metadata/" + prefix + "?list=true").status()).isEqualTo(200);
		assertForbidden(as(withSlash).get("secret/metadata/" + prefix + "/a"), POLICY_DENIED);

		assertThat(as(withoutSlash).list("secret/metadata/" + prefix).status()).isEqualTo(200);
		assertThat(as(withoutSlash).list("secret/metadata/" + prefix + "/").status()).isEqualTo(200);
		assertForbidden(as(withoutSlash).get("secret/metadata/" + prefix), POLICY_DENIED);
	}

	/**
	 * The shape of {@code testapp-kv-crud}: read on the bare folder name, list only under its glob. For
	 * {@code LIST p/} the exact rule for {@code p} is found before any glob, and it has no {@code list}.
	 */
	@Test
	void exactRuleForTheFolderNameGovernsItsListing() {
		String prefix = unique("shadow");
		writeSecret(prefix + "/a");
		writeSecret(prefix + "/sub/b");
		String token = tokenWith(rule("secret/metadata/" + prefix, "read") + rule("secret/metadata/" + prefix + "/*", "list"));

		assertForbidden(as(token).list("secret/metadata/" + prefix), POLICY_DENIED);
		assertForbidden(as(token).list("secret/metadata/" + prefix + "/"), POLICY_DENIED);
		assertForbidden(as(token).get("secret/metadata/" + prefix + "/?list=true"), POLICY_DENIED);
		VaultHttpResponse below = as(token).list("secret/metadata/" + prefix + "/sub");
		assertThat(below.status()).isEqualTo(200);
		assertThat(VaultHttpResponse.strings(below.data().path("keys"))).containsExactly("b");
	}

	@Test
	void deniedPathsAreForbiddenEvenWhenNothingIsThere() {
		String token = tokenWithPolicies();

		assertForbidden(as(token).get(unique("nomount") + "/x"), POLICY_DENIED);
		assertForbidden(as(token).get("secret/data/" + unique("missing")), POLICY_DENIED);
		assertForbidden(as(token).list("secret/metadata/" + unique("missing")), POLICY_DENIED);
	}

	@Test
	void missingTokenInvalidTokenAndPolicyDenialHaveTheirOwnBodies() {
		String key = "secret/data/" + unique("bodies");

		assertForbidden(anonymous().get(key), MISSING_TOKEN);
		assertForbidden(as("hvs.CAESIthisTokenWasNeverIssuedByThisVault").get(key), INVALID_TOKEN);
		assertForbidden(anonymous().withBearer("hvs.CAESIthisTokenWasNeverIssuedByThisVault").get(key),
				INVALID_TOKEN);
		assertForbidden(as(tokenWithPolicies()).get(key), POLICY_DENIED);
		assertThat(anonymous().get(key).header("Content-Type")).startsWith("application/json");
	}

	private static String rule(String path, String... capabilities) {
		return "path \"" + path + "\" { capabilities = [\"" + String.join("\", \"", capabilities) + "\"] }\n";
	}

	private String policy(String hcl) {
		String name = unique("policy");
		writePolicy(name, hcl);
		return name;
	}

	private String tokenWith(String hcl) {
		return tokenWithPolicies(policy(hcl));
	}

	private void writeSecret(String key) {
		assertThat(root().post("secret/data/" + key, data()).status()).isEqualTo(200);
	}

	private static Map<String, Object> data() {
		return body("data", Map.of("k", "v"));
	}

}
