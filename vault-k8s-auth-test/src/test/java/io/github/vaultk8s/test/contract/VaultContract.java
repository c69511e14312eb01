package io.github.vaultk8s.test.contract;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;

import static io.github.vaultk8s.test.contract.VaultHttpClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every contract area shares: the target, clients with and without tokens, and the setup steps the
 * tests perform over HTTP with the root token (policies, Kubernetes auth config and roles, logins). Names
 * are unique per call, so tests never see each other's policies, roles or secrets on a shared target.
 */
abstract class VaultContract {

	static final String NAMESPACE = "default";

	static final String SERVICE_ACCOUNT = "testapp";

	static final String AUDIENCE = "vault";

	/** The three 403 bodies of section 2 of the notes, exactly. */
	static final List<String> MISSING_TOKEN = List.of("permission denied");

	static final List<String> INVALID_TOKEN = List
		.of("2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n");

	static final List<String> POLICY_DENIED = List.of("1 error occurred:\n\t* permission denied\n\n");

	private static final AtomicInteger sequence = new AtomicInteger();

	/** The Vault under test. */
	protected abstract VaultTarget target();

	@BeforeEach
	void resetTarget() {
		target().reset();
	}

	VaultHttpClient root() {
		return target().root();
	}

	VaultHttpClient anonymous() {
		return target().anonymous();
	}

	VaultHttpClient as(String token) {
		return anonymous().withToken(token);
	}

	/** A lower-case name no other test (or earlier run on a long-lived target) uses. */
	static String unique(String prefix) {
		return prefix + "-" + sequence.incrementAndGet() + "-"
				+ Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 36);
	}

	void writePolicy(String name, String hcl) {
		VaultHttpResponse response = root().put("sys/policies/acl/" + name, body("policy", hcl));
		assertThat(response.status()).as("writing policy %s: %s", name, response).isEqualTo(204);
	}

	/** Points {@code auth/kubernetes} at the target's Kubernetes; idempotent. */
	void configureKubernetesAuth() {
		VaultHttpResponse response = root().post("auth/kubernetes/config", target().kubernetesAuthConfig());
		assertThat(response.status()).as("writing auth/kubernetes/config: %s", response).isEqualTo(204);
	}

	/**
	 * Writes a Kubernetes auth role bound to {@code default/testapp} with audience {@code vault}, plus the
	 * given fields, and returns its name.
	 */
	String writeTestappRole(Map<String, Object> extra) {
		String role = unique("role");
		Map<String, Object> body = body("bound_service_account_names", List.of(SERVICE_ACCOUNT),
				"bound_service_account_namespaces", List.of(NAMESPACE), "audience", AUDIENCE);
		body.putAll(extra);
		writeRole(role, body);
		return role;
	}

	void writeRole(String role, Map<String, Object> body) {
		VaultHttpResponse response = root().post("auth/kubernetes/role/" + role, body);
		assertThat(response.status()).as("writing role %s: %s", role, response).isIn(200, 204);
	}

	String testappJwt() {
		return target().serviceAccountJwt(NAMESPACE, SERVICE_ACCOUNT, AUDIENCE);
	}

	VaultHttpResponse login(String role, String jwt) {
		return anonymous().post("auth/kubernetes/login", body("role", role, "jwt", jwt));
	}

	/** Logs in through a fresh role and returns the whole answer, asserting success. */
	VaultHttpResponse loginThroughNewRole(Map<String, Object> roleFields) {
		configureKubernetesAuth();
		String role = writeTestappRole(roleFields);
		VaultHttpResponse response = login(role, testappJwt());
		assertThat(response.status()).as("login: %s", response).isEqualTo(200);
		return response;
	}

	/** A service token carrying exactly {@code default} plus the given policies. */
	String tokenWithPolicies(String... policies) {
		return loginThroughNewRole(body("token_policies", List.of(policies))).auth().path("client_token").asString();
	}

	/** Asserts Vault's error envelope: the status and exactly these {@code errors}. */
	static void assertErrors(VaultHttpResponse response, int status, String... errors) {
		assertThat(response.status()).as("status of %s", response).isEqualTo(status);
		assertThat(response.json().path("errors").isArray()).as("errors array in %s", response).isTrue();
		assertThat(response.errors()).as("errors of %s", response).containsExactly(errors);
	}

	/** {@code 404 {"errors":[]}}: what Vault answers for a read or list that finds nothing. */
	static void assertEmptyNotFound(VaultHttpResponse response) {
		assertErrors(response, 404);
		assertThat(response.json().size()).as("only errors in %s", response).isEqualTo(1);
	}

	static void assertNoContent(VaultHttpResponse response) {
		assertThat(response.status()).as("status of %s", response).isEqualTo(204);
		assertThat(response.body()).isEmpty();
	}

	static void assertForbidden(VaultHttpResponse response, List<String> errors) {
		assertThat(response.status()).as("status of %s", response).isEqualTo(403);
		assertThat(response.errors()).as("errors of %s", response).isEqualTo(errors);
	}

}
