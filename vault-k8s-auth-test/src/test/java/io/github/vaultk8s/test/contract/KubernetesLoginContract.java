package io.github.vaultk8s.test.contract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static io.github.vaultk8s.test.contract.VaultHttpClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 1 of the notes, login side: each check in Vault's order with its exact status and message, and
 * the shape of a successful login. Claim checks use {@link ForgedJwt}s (claims are checked before the
 * signature matters); binding checks use real service-account JWTs of the target.
 */
abstract class KubernetesLoginContract extends VaultContract {

	private String role;

	@BeforeEach
	void configure() {
		configureKubernetesAuth();
		this.role = writeTestappRole(Map.of());
	}

	@Test
	void missingRoleComesFirst() {
		assertErrors(anonymous().post("auth/kubernetes/login", body("jwt", testappJwt())), 400, "missing role");
		assertErrors(anonymous().post("auth/kubernetes/login", body()), 400, "missing role");
		assertErrors(login("", "not-a-jwt"), 400, "missing role");
	}

	@Test
	void missingJwt() {
		assertErrors(anonymous().post("auth/kubernetes/login", body("role", this.role)), 400, "missing jwt");
		assertErrors(login(this.role, ""), 400, "missing jwt");
		assertErrors(login(unique("unknown"), ""), 400, "missing jwt");
	}

	@Test
	void unknownRoleIsBadRequestBeforeTheJwtIsLookedAt() {
		String unknown = unique("unknown");

		assertErrors(login(unknown, testappJwt()), 400, "invalid role name \"" + unknown + "\"");
		assertErrors(login(unknown, "not-a-jwt"), 400, "invalid role name \"" + unknown + "\"");
	}

	@Test
	void boundCidrMissIsForbiddenBeforeClaimsAreChecked() {
		String cidrRole = writeTestappRole(body("token_bound_cidrs", List.of("192.0.2.0/24")));

		assertErrors(login(cidrRole, testappJwt()), 403, "permission denied");
		assertErrors(login(cidrRole, ForgedJwt.forServiceAccount(NAMESPACE, SERVICE_ACCOUNT)
			.secondsFromNow("exp", -600)
			.encode()), 403, "permission denied");
	}

	@Test
	void malformedJwtIsForbidden() {
		assertErrors(login(this.role, "not-a-jwt"), 403, "permission denied");
		assertErrors(login(this.role, "a.b.c"), 403, "permission denied");
	}

	@Test
	void unsupportedAlgorithmIsForbidden() {
		assertErrors(login(this.role, ForgedJwt.forServiceAccount(NAMESPACE, SERVICE_ACCOUNT).algorithm("HS256").encode()),
				403, "permission denied");
		assertErrors(login(this.role, ForgedJwt.forServiceAccount(NAMESPACE, SERVICE_ACCOUNT).algorithm("none").encode()),
				403, "permission denied");
	}

	@Test
	void expiredJwtIsForbiddenWithItsReason() {
		String jwt = ForgedJwt.forServiceAccount(NAMESPACE, SERVICE_ACCOUNT)
			.secondsFromNow("iat", -1200)
			.secondsFromNow("nbf", -1200)
			.secondsFromNow("exp", -120)
			.encode();

		assertErrors(login(this.role, jwt), 403, "invalid expiration time (exp) claim: token is expired");
	}

	@Test
	void expiryWithinTheLeewayIsNoReasonToRefuse() {
		String jwt = ForgedJwt.forServiceAccount(NAMESPACE, SERVICE_ACCOUNT)
			.secondsFromNow("iat", -600)
			.secondsFromNow("nbf", -600)
			.secondsFromNow("exp", -20)
			.encode();

		// Passes the claim checks, then fails TokenReview: forged tokens are never authenticated.
		assertErrors(login(this.role, jwt), 403, "permission denied");
	}

	@Test
	void notYetValidJwtIsForbiddenWithItsReason() {
		String jwt = ForgedJwt.forServiceAccount(NAMESPACE, SERVICE_ACCOUNT).secondsFromNow("nbf", 300).encode();

		assertErrors(login(this.role, jwt), 403, "invalid not before (nbf) claim: token not yet valid");
	}

	@Test
	void jwtIssuedInTheFutureIsForbiddenWithItsReason() {
		String jwt = ForgedJwt.forServiceAccount(NAMESPACE, SERVICE_ACCOUNT).secondsFromNow("iat", 300).encode();

		assertErrors(login(this.role, jwt), 403, "invalid issued at (iat) claim: token issued in the future");
	}

	@Test
	void wrongAudienceIsForbiddenWithItsReason() {
		String jwt = ForgedJwt.forServiceAccount(NAMESPACE, SERVICE_ACCOUNT).claim("aud", List.of("other")).encode();

		assertErrors(login(this.role, jwt), 403,
				"invalid audience (aud) claim: audience claim does not match any expected audience");
	}

	@Test
	void claimsAreCheckedBeforeTheServiceAccountBinding() {
		String jwt = ForgedJwt.forServiceAccount("elsewhere", "stranger").secondsFromNow("exp", -120).encode();

		assertErrors(login(this.role, jwt), 403, "invalid expiration time (exp) claim: token is expired");
	}

	@Test
	void unboundServiceAccountNameIsForbidden() {
		String jwt = target().serviceAccountJwt(NAMESPACE, "stranger", AUDIENCE);

		assertErrors(login(this.role, jwt), 403, "service account name not authorized");
	}

	@Test
	void unboundNamespaceIsForbidden() {
		String jwt = target().serviceAccountJwt("elsewhere", SERVICE_ACCOUNT, AUDIENCE);

		assertErrors(login(this.role, jwt), 403, "namespace not authorized");
	}

	@Test
	void nameIsCheckedBeforeNamespace() {
		String jwt = target().serviceAccountJwt("elsewhere", "stranger", AUDIENCE);

		assertErrors(login(this.role, jwt), 403, "service account name not authorized");
	}

	@Test
	void jwtThatFailsTokenReviewIsForbidden() {
		String jwt = ForgedJwt.forServiceAccount(NAMESPACE, SERVICE_ACCOUNT).encode();

		assertErrors(login(this.role, jwt), 403, "permission denied");
	}

	@Test
	void successfulLoginHasTheAuthBlock() {
		String ttlRole = writeTestappRole(body("token_ttl", 120, "token_policies", List.of("Zeta", "alpha")));

		VaultHttpResponse response = login(ttlRole, testappJwt());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().has("data")).isTrue();
		assertThat(response.data().isNull()).isTrue();
		assertThat(response.json().path("lease_id").asString()).isEmpty();
		assertThat(response.json().path("renewable").asBoolean(true)).isFalse();
		assertThat(response.json().path("lease_duration").asInt(-1)).isZero();
		JsonNode auth = response.auth();
		assertThat(auth.path("client_token").asString()).startsWith("hvs.");
		assertThat(auth.path("accessor").isString()).isTrue();
		assertThat(auth.path("accessor").asString()).isNotEmpty().isNotEqualTo(auth.path("client_token").asString());
		assertThat(VaultHttpResponse.strings(auth.path("policies"))).containsExactly("alpha", "default", "zeta");
		assertThat(VaultHttpResponse.strings(auth.path("token_policies"))).containsExactly("alpha", "default",
				"zeta");
		JsonNode metadata = auth.path("metadata");
		assertThat(metadata.path("role").asString()).isEqualTo(ttlRole);
		assertThat(metadata.path("service_account_name").asString()).isEqualTo(SERVICE_ACCOUNT);
		assertThat(metadata.path("service_account_namespace").asString()).isEqualTo(NAMESPACE);
		assertThat(metadata.path("service_account_secret_name").isString()).isTrue();
		assertThat(metadata.path("service_account_secret_name").asString()).isEmpty();
		assertThat(metadata.path("service_account_uid").asString()).isNotEmpty();
		assertThat(auth.path("lease_duration").isIntegralNumber()).isTrue();
		assertThat(auth.path("lease_duration").asInt()).isEqualTo(120);
		assertThat(auth.path("renewable").asBoolean(false)).isTrue();
		assertThat(auth.path("entity_id").isString()).isTrue();
		assertThat(auth.path("token_type").asString()).isEqualTo("service");
		assertThat(auth.path("orphan").asBoolean(false)).isTrue();
		assertThat(auth.has("mfa_requirement")).isTrue();
		assertThat(auth.path("mfa_requirement").isNull()).isTrue();
		assertThat(auth.path("num_uses").asInt(-1)).isZero();
	}

	@Test
	void loginWithoutRoleTtlGetsTheMountDefault() {
		VaultHttpResponse response = login(this.role, testappJwt());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.auth().path("lease_duration").asInt()).isEqualTo(2764800);
	}

	@Test
	void noDefaultPolicyLeavesDefaultOut() {
		String bare = writeTestappRole(body("token_policies", List.of("alpha"), "token_no_default_policy", true));

		VaultHttpResponse response = login(bare, testappJwt());

		assertThat(response.status()).isEqualTo(200);
		assertThat(VaultHttpResponse.strings(response.auth().path("policies"))).containsExactly("alpha");
	}

	@Test
	void eachLoginIssuesANewToken() {
		String jwt = testappJwt();

		String first = login(this.role, jwt).auth().path("client_token").asString();
		String second = login(this.role, jwt).auth().path("client_token").asString();

		assertThat(first).isNotEqualTo(second);
		assertThat(as(first).get("auth/token/lookup-self").status()).isEqualTo(200);
		assertThat(as(second).get("auth/token/lookup-self").status()).isEqualTo(200);
	}

	@Test
	void roleWithoutAudienceReviewsWithTheJwtsOwnAudience() {
		String open = unique("noaud");
		VaultHttpResponse written = root().post("auth/kubernetes/role/" + open, body("bound_service_account_names",
				List.of(SERVICE_ACCOUNT), "bound_service_account_namespaces", List.of(NAMESPACE)));
		// Vault 1.20+ may answer 200 with a warning about the missing audience instead of 204.
		assertThat(written.status()).isIn(200, 204);
		if (written.status() == 200) {
			assertThat(written.warnings()).isNotEmpty();
		}

		VaultHttpResponse response = login(open, testappJwt());

		assertThat(response.status()).as("login: %s", response).isEqualTo(200);
		assertThat(response.auth().at("/metadata/role").asString()).isEqualTo(open);
	}

	@Test
	void starBindsAnyServiceAccountName() {
		String any = unique("any");
		writeRole(any, body("bound_service_account_names", "*", "bound_service_account_namespaces",
				List.of(NAMESPACE), "audience", AUDIENCE));

		VaultHttpResponse response = login(any, target().serviceAccountJwt(NAMESPACE, "stranger", AUDIENCE));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.auth().at("/metadata/service_account_name").asString()).isEqualTo("stranger");
	}

}
