package io.github.vaultk8s.test.contract;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.vaultk8s.test.contract.VaultHttpClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Section 5 of the notes, sealed: {@code PUT sys/seal}, what a sealed Vault answers, {@code PUT sys/unseal}.
 * Runs only where the target may be sealed; always leaves it unsealed.
 */
abstract class SealContract extends VaultContract {

	@BeforeEach
	void requireSealableTarget() {
		assumeTrue(target().sealable(), "this target may not be sealed");
	}

	@AfterEach
	void leaveUnsealed() {
		if (target().sealable()) {
			target().ensureUnsealed();
		}
	}

	@Test
	void sealedVaultAnswersServiceUnavailable() {
		assertNoContent(root().put("sys/seal", null));

		VaultHttpResponse health = anonymous().get("sys/health");
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().path("sealed").asBoolean(false)).isTrue();
		assertThat(health.json().path("initialized").asBoolean(false)).isTrue();
		assertThat(health.json().has("cluster_id")).as("cluster_* omitted while sealed").isFalse();
		assertThat(health.json().has("cluster_name")).as("cluster_* omitted while sealed").isFalse();
		assertThat(anonymous().get("sys/health?sealedcode=299").status()).isEqualTo(299);
		assertThat(anonymous().send("HEAD", "sys/health", null, null).status()).isEqualTo(503);

		VaultHttpResponse sealStatus = anonymous().get("sys/seal-status");
		assertThat(sealStatus.status()).isEqualTo(200);
		assertThat(sealStatus.json().path("sealed").asBoolean(false)).isTrue();
		assertThat(sealStatus.json().path("progress").asInt(-1)).isZero();

		assertErrors(root().get("secret/data/anything"), 503, "Vault is sealed");
		assertErrors(root().get("auth/token/lookup-self"), 503, "Vault is sealed");
		assertErrors(anonymous().post("auth/kubernetes/login", body("role", "testapp", "jwt", "x")), 503,
				"Vault is sealed");
	}

	@Test
	void unsealKeyUnsealsAgain() {
		Optional<String> key = target().unsealKey();
		assumeTrue(key.isPresent(), "this target gives no unseal key");
		assertNoContent(root().put("sys/seal", null));

		VaultHttpResponse response = anonymous().put("sys/unseal", body("key", key.get()));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("sealed").asBoolean(true)).isFalse();
		assertThat(response.json().path("type").asString()).isEqualTo("shamir");
		assertThat(anonymous().get("sys/health").status()).isEqualTo(200);
		assertThat(root().get("auth/token/lookup-self").status()).isEqualTo(200);
	}

	@Test
	void afterUnsealingEverythingIsBack() {
		String key = unique("seal");
		root().post("secret/data/" + key, body("data", java.util.Map.of("k", "v")));
		assertNoContent(root().put("sys/seal", null));

		target().ensureUnsealed();

		assertThat(anonymous().get("sys/health").status()).isEqualTo(200);
		assertThat(root().get("secret/data/" + key).data().at("/data/k").asString()).isEqualTo("v");
	}

	@Test
	void sealingNeedsMoreThanTheDefaultPolicy() {
		String token = tokenWithPolicies();

		VaultHttpResponse response = as(token).put("sys/seal", null);

		// The notes fix the status, not this body (sys/seal wraps its own ACL check).
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.errors()).singleElement().asString().contains("permission denied");
		assertThat(anonymous().get("sys/health").status()).isEqualTo(200);
	}

}
