package io.github.vaultk8s.test.contract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static io.github.vaultk8s.test.contract.VaultHttpClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 1 of the notes, configuration side: {@code auth/kubernetes/config} and roles, including every
 * validation error; a refused write changes nothing.
 */
abstract class KubernetesAuthConfigContract extends VaultContract {

	@BeforeEach
	void configure() {
		configureKubernetesAuth();
	}

	@Test
	void configReadsBackWithoutTheReviewerJwt() {
		VaultHttpResponse response = root().get("auth/kubernetes/config");

		assertThat(response.status()).isEqualTo(200);
		JsonNode config = response.data();
		assertThat(config.path("kubernetes_host").asString())
			.isEqualTo(target().kubernetesAuthConfig().get("kubernetes_host"));
		assertThat(config.path("kubernetes_ca_cert").isString()).isTrue();
		assertThat(config.path("pem_keys").isArray()).isTrue();
		assertThat(config.path("disable_local_ca_jwt").asBoolean(false)).isTrue();
		assertThat(config.path("use_annotations_as_alias_metadata").isBoolean()).isTrue();
		assertThat(config.path("token_reviewer_jwt_set").isBoolean()).isTrue();
		assertThat(config.path("token_reviewer_jwt_set").asBoolean())
			.isEqualTo(target().kubernetesAuthConfig().containsKey("token_reviewer_jwt"));
		assertThat(config.has("token_reviewer_jwt")).isFalse();
	}

	@Test
	void configWithoutHostIsRefused() {
		Map<String, Object> config = body("disable_local_ca_jwt", true);

		assertErrors(root().post("auth/kubernetes/config", config), 400, "no host provided");
		assertConfigUnchanged();
	}

	@Test
	void configWithBadCaPemIsRefused() {
		Map<String, Object> config = body("kubernetes_host", "https://refused.example:6443", "kubernetes_ca_cert",
				"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
				"disable_local_ca_jwt", true);

		assertErrors(root().post("auth/kubernetes/config", config), 400,
				"The provided CA PEM data contains no valid certificates");
		assertConfigUnchanged();
	}

	@Test
	void configWithCaThatIsNoPemAtAllIsRefused() {
		Map<String, Object> config = body("kubernetes_host", "https://refused.example:6443", "kubernetes_ca_cert",
				"not a certificate", "disable_local_ca_jwt", true);

		assertErrors(root().post("auth/kubernetes/config", config), 400,
				"The provided CA PEM data contains no valid certificates");
		assertConfigUnchanged();
	}

	@Test
	void roleReadsBackWithDefaultsAndNormalisedLists() {
		String role = unique("role");
		writeRole(role, body("bound_service_account_names", "alpha,bravo", "bound_service_account_namespaces",
				List.of("ns-one"), "audience", AUDIENCE, "token_ttl", "90s", "token_max_ttl", 600,
				"token_policies", List.of("p-one", "p-two")));

		VaultHttpResponse response = root().get("auth/kubernetes/role/" + role);

		assertThat(response.status()).isEqualTo(200);
		JsonNode data = response.data();
		assertThat(VaultHttpResponse.strings(data.path("bound_service_account_names"))).containsExactly("alpha",
				"bravo");
		assertThat(VaultHttpResponse.strings(data.path("bound_service_account_namespaces")))
			.containsExactly("ns-one");
		assertThat(data.path("audience").asString()).isEqualTo(AUDIENCE);
		assertThat(data.path("alias_name_source").asString()).isEqualTo("serviceaccount_uid");
		assertThat(data.path("token_ttl").isIntegralNumber()).isTrue();
		assertThat(data.path("token_ttl").asInt()).isEqualTo(90);
		assertThat(data.path("token_max_ttl").asInt()).isEqualTo(600);
		assertThat(VaultHttpResponse.strings(data.path("token_policies"))).containsExactlyInAnyOrder("p-one",
				"p-two");
		assertThat(data.path("token_period").asInt(-1)).isZero();
		assertThat(data.path("token_explicit_max_ttl").asInt(-1)).isZero();
		assertThat(data.path("token_no_default_policy").isBoolean()).isTrue();
		assertThat(data.path("token_no_default_policy").asBoolean()).isFalse();
		assertThat(data.path("token_num_uses").asInt(-1)).isZero();
		assertThat(data.path("token_bound_cidrs").isArray()).isTrue();
		assertThat(data.path("token_type").asString()).isEqualTo("default");
	}

	@Test
	void legacyFieldNamesAreStillAccepted() {
		String role = unique("role");
		writeRole(role, body("bound_service_account_names", List.of(SERVICE_ACCOUNT),
				"bound_service_account_namespaces", List.of(NAMESPACE), "audience", AUDIENCE, "policies",
				List.of("legacy"), "ttl", 120, "max_ttl", 240));

		JsonNode data = root().get("auth/kubernetes/role/" + role).data();

		assertThat(VaultHttpResponse.strings(data.path("token_policies"))).containsExactly("legacy");
		assertThat(data.path("token_ttl").asInt()).isEqualTo(120);
		assertThat(data.path("token_max_ttl").asInt()).isEqualTo(240);
	}

	@Test
	void roleNamesAreStoredLowerCase() {
		String lower = unique("mixedcase");
		String mixed = "MixedCase" + lower.substring("mixedcase".length());
		writeRole(mixed, body("bound_service_account_names", List.of(SERVICE_ACCOUNT),
				"bound_service_account_namespaces", List.of(NAMESPACE), "audience", AUDIENCE));

		assertThat(root().get("auth/kubernetes/role/" + lower).status()).isEqualTo(200);
		assertThat(root().get("auth/kubernetes/role/" + mixed).status()).isEqualTo(200);
		VaultHttpResponse list = root().list("auth/kubernetes/role");
		assertThat(list.status()).isEqualTo(200);
		assertThat(VaultHttpResponse.strings(list.data().path("keys"))).contains(lower).doesNotContain(mixed);
	}

	@Test
	void roleWithoutNamesIsRefused() {
		assertRoleRefused(body("bound_service_account_namespaces", List.of(NAMESPACE)),
				"\"bound_service_account_names\" can not be empty");
	}

	@Test
	void roleWithoutNamesOrNamespacesNamesTheNamesFirst() {
		assertRoleRefused(body("audience", AUDIENCE), "\"bound_service_account_names\" can not be empty");
	}

	@Test
	void roleWithoutNamespacesIsRefused() {
		assertRoleRefused(body("bound_service_account_names", List.of(SERVICE_ACCOUNT)),
				"\"bound_service_account_namespaces\" can not be empty if \"bound_service_account_namespace_selector\" is not set");
	}

	@Test
	void roleMixingStarWithNamesIsRefused() {
		assertRoleRefused(body("bound_service_account_names", List.of("*", SERVICE_ACCOUNT),
				"bound_service_account_namespaces", List.of(NAMESPACE)), "can not mix \"*\" with values");
	}

	@Test
	void roleMixingStarWithNamespacesIsRefused() {
		assertRoleRefused(body("bound_service_account_names", List.of(SERVICE_ACCOUNT),
				"bound_service_account_namespaces", List.of("*", NAMESPACE)), "can not mix \"*\" with values");
	}

	/**
	 * With {@code token_*} fields Vault's shared token-field parser refuses first, with its own message; the
	 * plugin's {@code token ttl should not be greater than token max ttl} (the notes' string) is only reached
	 * through the legacy {@code ttl}/{@code max_ttl} fields, see the next test.
	 */
	@Test
	void roleWithTokenTtlAboveTokenMaxTtlIsRefused() {
		assertRoleRefused(body("bound_service_account_names", List.of(SERVICE_ACCOUNT),
				"bound_service_account_namespaces", List.of(NAMESPACE), "token_ttl", 7200, "token_max_ttl", 3600),
				"'token_ttl' cannot be greater than 'token_max_ttl'");
	}

	@Test
	void roleWithLegacyTtlAboveLegacyMaxTtlIsRefused() {
		assertRoleRefused(body("bound_service_account_names", List.of(SERVICE_ACCOUNT),
				"bound_service_account_namespaces", List.of(NAMESPACE), "ttl", 7200, "max_ttl", 3600),
				"token ttl should not be greater than token max ttl");
	}

	@Test
	void roleDeleteIsNoContentAndThenNotFound() {
		String role = writeTestappRole(Map.of());

		assertNoContent(root().delete("auth/kubernetes/role/" + role));
		assertEmptyNotFound(root().get("auth/kubernetes/role/" + role));
		assertThat(VaultHttpResponse.strings(root().list("auth/kubernetes/role").data().path("keys")))
			.doesNotContain(role);
	}

	@Test
	void missingRoleIsNotFound() {
		assertEmptyNotFound(root().get("auth/kubernetes/role/" + unique("missing")));
	}

	@Test
	void rolesNeedMoreThanTheDefaultPolicy() {
		String token = tokenWithPolicies();

		assertForbidden(as(token).post("auth/kubernetes/role/" + unique("role"),
				body("bound_service_account_names", List.of("x"), "bound_service_account_namespaces", List.of("y"))),
				POLICY_DENIED);
		assertForbidden(as(token).get("auth/kubernetes/config"), POLICY_DENIED);
	}

	private void assertRoleRefused(Map<String, Object> body, String error) {
		String role = unique("refused");

		assertErrors(root().post("auth/kubernetes/role/" + role, body), 400, error);
		assertEmptyNotFound(root().get("auth/kubernetes/role/" + role));
	}

	private void assertConfigUnchanged() {
		assertThat(root().get("auth/kubernetes/config").data().path("kubernetes_host").asString())
			.isEqualTo(target().kubernetesAuthConfig().get("kubernetes_host"));
	}

}
