package io.github.vaultk8s.test.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 5 of the notes, unsealed: {@code sys/health} codes, overrides and body, {@code sys/seal-status}.
 */
abstract class HealthContract extends VaultContract {

	@Test
	void activeUnsealedNodeIsHealthyWithoutAToken() {
		VaultHttpResponse response = anonymous().get("sys/health");

		assertThat(response.status()).isEqualTo(200);
		JsonNode health = response.json();
		assertThat(health.path("initialized").isBoolean()).isTrue();
		assertThat(health.path("initialized").asBoolean()).isTrue();
		assertThat(health.path("sealed").isBoolean()).isTrue();
		assertThat(health.path("sealed").asBoolean()).isFalse();
		assertThat(health.path("standby").isBoolean()).isTrue();
		assertThat(health.path("standby").asBoolean()).isFalse();
		assertThat(health.path("performance_standby").isBoolean()).isTrue();
		assertThat(health.path("performance_standby").asBoolean()).isFalse();
		assertThat(health.path("replication_performance_mode").asString()).isEqualTo("disabled");
		assertThat(health.path("replication_dr_mode").asString()).isEqualTo("disabled");
		assertThat(health.path("server_time_utc").isIntegralNumber()).isTrue();
		assertThat(health.path("server_time_utc").asLong())
			.isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(120L));
		assertThat(health.path("version").isString()).isTrue();
		assertThat(health.path("version").asString()).isNotEmpty();
		assertThat(health.path("enterprise").isBoolean()).isTrue();
		assertThat(health.path("enterprise").asBoolean()).isFalse();
		assertThat(health.path("echo_duration_ms").isNumber()).isTrue();
		assertThat(health.path("clock_skew_ms").isNumber()).isTrue();
		assertThat(health.path("cluster_name").isString()).isTrue();
		assertThat(health.path("cluster_id").isString()).isTrue();
		assertThat(health.has("data")).as("health is not wrapped in the envelope").isFalse();
	}

	@Test
	void headAnswersTheSameCodeWithoutBody() {
		VaultHttpResponse response = anonymous().send("HEAD", "sys/health", null, null);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
	}

	@Test
	void otherMethodsAreNotAllowed() {
		assertErrors(anonymous().post("sys/health", null), 405);
	}

	@Test
	void activeCodeOverridesTheActiveStatus() {
		VaultHttpResponse response = anonymous().get("sys/health?activecode=299");

		assertThat(response.status()).isEqualTo(299);
		assertThat(response.json().path("sealed").asBoolean(true)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "standbyok=true", "standbyok=false", "perfstandbyok=true", "standbycode=299",
			"sealedcode=299", "uninitcode=299", "drsecondarycode=299", "performancestandbycode=299",
			"removedcode=299", "haunhealthycode=299" })
	void overridesForOtherStatesLeaveAnActiveNodeAt200(String query) {
		assertThat(anonymous().get("sys/health?" + query).status()).isEqualTo(200);
	}

	/**
	 * Vault's {@code http/sys_health.go} answers {@code respondError(w, 400, nil)}: the reason (for the
	 * boolean flags, {@code bad value for standbyok parameter: ...}) goes to the server log only, the body
	 * is {@code {"errors":[]}}.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "activecode", "standbycode", "sealedcode", "uninitcode", "drsecondarycode",
			"performancestandbycode", "removedcode", "haunhealthycode" })
	void nonNumericCodeIsBadRequestWithEmptyErrors(String parameter) {
		assertErrors(anonymous().get("sys/health?" + parameter + "=abc"), 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "standbyok", "perfstandbyok" })
	void nonBooleanFlagIsBadRequestWithEmptyErrors(String parameter) {
		assertErrors(anonymous().get("sys/health?" + parameter + "=maybe"), 400);
	}

	@Test
	void sealStatusHasItsShape() {
		VaultHttpResponse response = anonymous().get("sys/seal-status");

		assertThat(response.status()).isEqualTo(200);
		JsonNode status = response.json();
		assertThat(status.path("type").asString()).isEqualTo("shamir");
		assertThat(status.path("initialized").asBoolean(false)).isTrue();
		assertThat(status.path("sealed").isBoolean()).isTrue();
		assertThat(status.path("sealed").asBoolean()).isFalse();
		assertThat(status.path("t").isIntegralNumber()).isTrue();
		assertThat(status.path("n").isIntegralNumber()).isTrue();
		assertThat(status.path("t").asInt()).isPositive().isLessThanOrEqualTo(status.path("n").asInt());
		assertThat(status.path("progress").isIntegralNumber()).isTrue();
		assertThat(status.path("progress").asInt()).isZero();
		assertThat(status.path("nonce").isString()).isTrue();
		assertThat(status.path("version").asString()).isNotEmpty();
		assertThat(status.path("build_date").isString()).isTrue();
		assertThat(status.path("migration").isBoolean()).isTrue();
		assertThat(status.path("migration").asBoolean()).isFalse();
		assertThat(status.path("cluster_name").isString()).isTrue();
		assertThat(status.path("cluster_id").isString()).isTrue();
		assertThat(status.path("recovery_seal").isBoolean()).isTrue();
		assertThat(status.path("recovery_seal").asBoolean()).isFalse();
		assertThat(status.path("storage_type").isString()).isTrue();
		assertThat(status.has("data")).as("seal-status is not wrapped in the envelope").isFalse();
	}

	@Test
	void healthAndSealStatusAgreeOnTheVersion() {
		assertThat(anonymous().get("sys/health").json().path("version").asString())
			.isEqualTo(anonymous().get("sys/seal-status").json().path("version").asString());
	}

}
