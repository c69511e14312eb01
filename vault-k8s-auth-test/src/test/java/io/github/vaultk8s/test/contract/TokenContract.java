package io.github.vaultk8s.test.contract;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static io.github.vaultk8s.test.contract.VaultHttpClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 2 of the notes: the token self-service endpoints, accessors, renewal arithmetic and expiry.
 */
abstract class TokenContract extends VaultContract {

	private static final Pattern CAPPED = Pattern.compile(
			"TTL of \"1h\" exceeded the effective max_ttl of \"([0-9.hms]+)\"; TTL value is capped accordingly");

	@Test
	void lookupSelfDescribesTheToken() {
		VaultHttpResponse login = loginThroughNewRole(body("token_ttl", 300, "token_policies", List.of("extra")));
		String token = login.auth().path("client_token").asString();

		VaultHttpResponse response = as(token).get("auth/token/lookup-self");

		assertThat(response.status()).isEqualTo(200);
		JsonNode data = response.data();
		assertThat(data.path("accessor").asString()).isEqualTo(login.auth().path("accessor").asString());
		assertThat(data.path("creation_time").isIntegralNumber()).isTrue();
		assertThat(data.path("creation_time").asLong())
			.isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(120L));
		assertThat(data.path("creation_ttl").asInt()).isEqualTo(300);
		assertThat(data.path("display_name").asString()).isEqualTo("kubernetes-default-testapp");
		assertThat(data.path("entity_id").isString()).isTrue();
		assertThat(data.path("expire_time").isString()).isTrue();
		assertThat(OffsetDateTime.parse(data.path("expire_time").asString())).isAfter(OffsetDateTime.now());
		assertThat(data.path("explicit_max_ttl").asInt(-1)).isZero();
		assertThat(data.path("id").asString()).isEqualTo(token);
		assertThat(OffsetDateTime.parse(data.path("issue_time").asString()))
			.isBefore(OffsetDateTime.now().plusMinutes(2));
		assertThat(data.path("meta").path("role").asString()).isEqualTo(login.auth().at("/metadata/role").asString());
		assertThat(data.path("meta").path("service_account_name").asString()).isEqualTo(SERVICE_ACCOUNT);
		assertThat(data.path("num_uses").asInt(-1)).isZero();
		assertThat(data.path("orphan").asBoolean(false)).isTrue();
		assertThat(data.path("path").asString()).isEqualTo("auth/kubernetes/login");
		assertThat(VaultHttpResponse.strings(data.path("policies"))).containsExactly("default", "extra");
		assertThat(data.path("renewable").asBoolean(false)).isTrue();
		assertThat(data.path("ttl").isIntegralNumber()).isTrue();
		assertThat(data.path("ttl").asInt()).isBetween(1, 300);
		assertThat(data.path("type").asString()).isEqualTo("service");
	}

	@Test
	void lookupSelfOfTheRootTokenNeverExpires() {
		VaultHttpResponse response = root().get("auth/token/lookup-self");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.data().path("id").asString()).isEqualTo(target().rootToken());
		assertThat(response.data().has("expire_time")).isTrue();
		assertThat(response.data().path("expire_time").isNull()).isTrue();
		assertThat(VaultHttpResponse.strings(response.data().path("policies"))).containsExactly("root");
		assertThat(response.data().path("ttl").asInt(-1)).isZero();
	}

	@Test
	void renewSelfWithIncrementExtendsTheSameToken() {
		String token = tokenWithTtl(30, 3600);

		VaultHttpResponse response = as(token).post("auth/token/renew-self", body("increment", 120));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.auth().path("client_token").asString()).isEqualTo(token);
		assertThat(response.auth().path("lease_duration").asInt()).isEqualTo(120);
		assertThat(response.auth().path("renewable").asBoolean(false)).isTrue();
		assertThat(VaultHttpResponse.strings(response.auth().path("policies"))).contains("default");
		assertThat(response.warnings()).isEmpty();
		assertThat(as(token).get("auth/token/lookup-self").data().path("ttl").asInt()).isBetween(100, 120);
	}

	@Test
	void renewSelfWithoutIncrementFallsBackToTheRoleTtl() {
		String token = tokenWithTtl(30, 3600);

		VaultHttpResponse response = as(token).post("auth/token/renew-self", body());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.auth().path("lease_duration").asInt()).isEqualTo(30);
	}

	@Test
	void renewSelfBeyondMaxTtlIsCappedWithAWarning() {
		String token = tokenWithTtl(30, 60);

		VaultHttpResponse response = as(token).post("auth/token/renew-self", body("increment", 3600));

		assertThat(response.status()).isEqualTo(200);
		int leaseDuration = response.auth().path("lease_duration").asInt();
		assertThat(leaseDuration).isBetween(1, 60);
		assertThat(response.warnings()).hasSize(1);
		Matcher capped = CAPPED.matcher(response.warnings().get(0));
		assertThat(capped.matches()).as("warning %s", response.warnings()).isTrue();
		assertThat(goDurationSeconds(capped.group(1))).isCloseTo(leaseDuration, org.assertj.core.data.Offset.offset(1.0));
	}

	@Test
	void rootTokenIsNotRenewable() {
		assertErrors(root().post("auth/token/renew-self", body("increment", 60)), 400, "lease is not renewable");
	}

	@Test
	void revokeSelfInvalidatesTheToken() {
		String token = tokenWithPolicies();

		assertNoContent(as(token).post("auth/token/revoke-self", null));
		assertForbidden(as(token).get("auth/token/lookup-self"), INVALID_TOKEN);
		assertForbidden(as(token).post("auth/token/renew-self", body()), INVALID_TOKEN);
	}

	@Test
	void accessorsCanBeListedLookedUpAndRevokedByRoot() {
		VaultHttpResponse login = loginThroughNewRole(Map.of());
		String token = login.auth().path("client_token").asString();
		String accessor = login.auth().path("accessor").asString();

		VaultHttpResponse list = root().list("auth/token/accessors");
		assertThat(list.status()).isEqualTo(200);
		assertThat(VaultHttpResponse.strings(list.data().path("keys"))).contains(accessor).doesNotContain(token);

		VaultHttpResponse lookup = root().post("auth/token/lookup-accessor", body("accessor", accessor));
		assertThat(lookup.status()).isEqualTo(200);
		assertThat(lookup.data().path("accessor").asString()).isEqualTo(accessor);
		assertThat(lookup.data().path("display_name").asString()).isEqualTo("kubernetes-default-testapp");
		assertThat(lookup.data().path("id").asString()).as("lookup-accessor never reveals the token").isEmpty();
		assertThat(lookup.body()).doesNotContain(token);

		assertNoContent(root().post("auth/token/revoke-accessor", body("accessor", accessor)));
		assertForbidden(as(token).get("auth/token/lookup-self"), INVALID_TOKEN);
		// Revocation may finish in the background; the token itself is dead at once (above).
		Awaitility.await("accessor gone from the list")
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(
					VaultHttpResponse.strings(root().list("auth/token/accessors").data().path("keys")))
				.doesNotContain(accessor));
	}

	@Test
	void accessorEndpointsNeedMoreThanTheDefaultPolicy() {
		VaultHttpResponse login = loginThroughNewRole(Map.of());
		String token = login.auth().path("client_token").asString();

		assertForbidden(as(token).list("auth/token/accessors"), POLICY_DENIED);
		assertForbidden(as(token).post("auth/token/lookup-accessor",
				body("accessor", login.auth().path("accessor").asString())), POLICY_DENIED);
		assertForbidden(as(token).post("auth/token/revoke-accessor",
				body("accessor", login.auth().path("accessor").asString())), POLICY_DENIED);
		assertThat(as(token).get("auth/token/lookup-self").status()).isEqualTo(200);
	}

	@Test
	void tokenStopsWorkingWhenItsTtlRunsOut() {
		String token = tokenWithTtl(2, 60);
		assertThat(as(token).get("auth/token/lookup-self").status()).isEqualTo(200);

		Awaitility.await("token expiry")
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertForbidden(as(token).get("auth/token/lookup-self"), INVALID_TOKEN));
		assertForbidden(as(token).post("auth/token/renew-self", body()), INVALID_TOKEN);
	}

	private String tokenWithTtl(int ttlSeconds, int maxTtlSeconds) {
		return loginThroughNewRole(body("token_ttl", ttlSeconds, "token_max_ttl", maxTtlSeconds)).auth()
			.path("client_token")
			.asString();
	}

	/** Seconds in a Go duration as Vault prints it: {@code 59s}, {@code 9m50s}, {@code 1h}, {@code 59.5s}. */
	private static double goDurationSeconds(String duration) {
		Matcher part = Pattern.compile("([0-9.]+)([hms])").matcher(duration);
		double seconds = 0;
		while (part.find()) {
			double value = Double.parseDouble(part.group(1));
			seconds += switch (part.group(2)) {
				case "h" -> value * 3600;
				case "m" -> value * 60;
				default -> value;
			};
		}
		return seconds;
	}

}
