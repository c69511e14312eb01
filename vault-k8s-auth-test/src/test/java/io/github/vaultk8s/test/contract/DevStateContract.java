package io.github.vaultk8s.test.contract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.vaultk8s.test.contract.VaultHttpClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev state every consumer of the stand-in relies on: role {@code testapp} for {@code default/testapp}
 * (audience {@code vault}) giving the {@code testapp-kv-crud} policy of section 4 of the notes, and exactly
 * the access that policy grants.
 */
abstract class DevStateContract extends VaultContract {

	private String token;

	@BeforeEach
	void loginAsTestapp() {
		target().ensureDevState();
		VaultHttpResponse login = login("testapp", testappJwt());
		assertThat(login.status()).as("login: %s", login).isEqualTo(200);
		assertThat(VaultHttpResponse.strings(login.auth().path("policies"))).containsExactly("default",
				"testapp-kv-crud");
		this.token = login.auth().path("client_token").asString();
	}

	@Test
	void crudBelowSecretTestapp() {
		String key = "testapp/" + unique("dev");
		VaultHttpClient testapp = as(this.token);

		assertThat(testapp.post("secret/data/" + key, body("data", Map.of("k", "v1"))).status()).isEqualTo(200);
		assertThat(testapp.post("secret/data/" + key, body("data", Map.of("k", "v2"))).status()).isEqualTo(200);
		assertThat(testapp.patch("secret/data/" + key, body("data", Map.of("n", "x"))).status()).isEqualTo(200);
		assertThat(testapp.get("secret/data/" + key).data().at("/data/k").asString()).isEqualTo("v2");
		assertThat(testapp.get("secret/metadata/" + key).data().path("current_version").asInt()).isEqualTo(3);
		assertNoContent(testapp.post("secret/delete/" + key, body("versions", List.of(1))));
		assertNoContent(testapp.post("secret/undelete/" + key, body("versions", List.of(1))));
		assertNoContent(testapp.put("secret/destroy/" + key, body("versions", List.of(1))));
		assertNoContent(testapp.delete("secret/data/" + key));
		assertNoContent(testapp.delete("secret/metadata/" + key));
		assertEmptyNotFound(testapp.get("secret/metadata/" + key));
	}

	@Test
	void theBareTestappKeyToo() {
		VaultHttpClient testapp = as(this.token);

		assertThat(testapp.post("secret/data/testapp", body("data", Map.of("k", "v"))).status()).isEqualTo(200);
		assertThat(testapp.get("secret/data/testapp").status()).isEqualTo(200);
		assertThat(testapp.get("secret/metadata/testapp").status()).isEqualTo(200);
	}

	/**
	 * Listing works below {@code secret/metadata/testapp/}, but not of it: for {@code LIST testapp/} the
	 * exact rule {@code secret/metadata/testapp} (no {@code list}) is found before the glob (see
	 * {@link AclContract}).
	 */
	@Test
	void listingBelowSecretTestappButNotOfItself() {
		String folder = unique("dev");
		VaultHttpClient testapp = as(this.token);
		testapp.post("secret/data/testapp/" + folder + "/a", body("data", Map.of("k", "v")));

		VaultHttpResponse listed = testapp.list("secret/metadata/testapp/" + folder);

		assertThat(listed.status()).as("LIST secret/metadata/testapp/%s: %s", folder, listed).isEqualTo(200);
		assertThat(VaultHttpResponse.strings(listed.data().path("keys"))).containsExactly("a");
		assertThat(testapp.get("secret/metadata/testapp/" + folder + "/?list=true").status()).isEqualTo(200);
		assertForbidden(testapp.list("secret/metadata/testapp"), POLICY_DENIED);
		assertForbidden(testapp.get("secret/metadata/testapp/?list=true"), POLICY_DENIED);
	}

	@Test
	void nothingElse() {
		VaultHttpClient testapp = as(this.token);

		assertForbidden(testapp.get("secret/data/testapp2"), POLICY_DENIED);
		assertForbidden(testapp.post("secret/data/testapp2/x", body("data", Map.of("k", "v"))), POLICY_DENIED);
		assertForbidden(testapp.get("secret/data/other/x"), POLICY_DENIED);
		assertForbidden(testapp.list("secret/metadata"), POLICY_DENIED);
		assertForbidden(testapp.get("secret/config"), POLICY_DENIED);
		assertForbidden(testapp.post("secret/delete/testapp", body("versions", List.of(1))),
				POLICY_DENIED);
		assertForbidden(testapp.get("sys/policies/acl/testapp-kv-crud"), POLICY_DENIED);
	}

	@Test
	void policyReadsBackAsWritten() {
		VaultHttpResponse policy = root().get("sys/policies/acl/testapp-kv-crud");

		assertThat(policy.status()).isEqualTo(200);
		assertThat(policy.data().path("policy").asString()).contains("path \"secret/data/testapp/*\"",
				"path \"secret/metadata/testapp/*\"", "path \"secret/destroy/testapp/*\"");
	}

}
