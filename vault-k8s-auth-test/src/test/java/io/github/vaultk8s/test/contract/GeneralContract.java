package io.github.vaultk8s.test.contract;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.vaultk8s.test.contract.VaultHttpClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 0 of the notes: what every endpoint shares — the success envelope, 204s, error envelopes,
 * routing and token headers.
 */
abstract class GeneralContract extends VaultContract {

	private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	@Test
	void successHasTheFullEnvelope() {
		String key = unique("general");
		root().post("secret/data/" + key, body("data", Map.of("k", "v")));

		VaultHttpResponse response = root().get("secret/data/" + key);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(response.json().path("request_id").asString()).matches(UUID);
		assertThat(response.json().path("lease_id").isString()).isTrue();
		assertThat(response.json().path("lease_id").asString()).isEmpty();
		assertThat(response.json().path("renewable").isBoolean()).isTrue();
		assertThat(response.json().path("renewable").asBoolean()).isFalse();
		assertThat(response.json().path("lease_duration").isIntegralNumber()).isTrue();
		assertThat(response.json().path("lease_duration").asInt()).isZero();
		assertThat(response.data().isObject()).isTrue();
		assertThat(response.json().has("wrap_info")).isTrue();
		assertThat(response.json().path("wrap_info").isNull()).isTrue();
		assertThat(response.json().has("warnings")).isTrue();
		assertThat(response.json().path("warnings").isNull()).isTrue();
		assertThat(response.json().has("auth")).isTrue();
		assertThat(response.json().path("auth").isNull()).isTrue();
	}

	@Test
	void handlerWithoutAnswerIsNoContentWithEmptyBody() {
		VaultHttpResponse response = root().put("sys/policies/acl/" + unique("general"),
				body("policy", "path \"secret/data/none\" { capabilities = [\"read\"] }"));

		assertNoContent(response);
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void readFindingNothingIsNotFoundWithEmptyErrors() {
		VaultHttpResponse response = root().get("secret/data/" + unique("missing"));

		assertEmptyNotFound(response);
		assertThat(response.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void unknownMethodIsMethodNotAllowed() {
		VaultHttpResponse response = root().send("COPY", "secret/data/" + unique("general"), null, null);

		assertErrors(response, 405);
	}

	@Test
	void invalidJsonIsBadRequest() {
		String key = unique("general");
		VaultHttpResponse response = root().send("POST", "secret/data/" + key, "{\"data\": {", "application/json");

		assertErrors(response, 400, "error parsing JSON");
		assertEmptyNotFound(root().get("secret/data/" + key));
	}

	@Test
	void emptyBodyMeansNoData() {
		VaultHttpResponse response = root().send("POST", "secret/data/" + unique("general"), "", "application/json");

		assertErrors(response, 400, "no data provided");
	}

	@Test
	void unknownMountHasNoHandler() {
		String mount = unique("nomount");

		VaultHttpResponse response = root().get(mount + "/x");

		assertErrors(response, 404, "no handler for route \"" + mount + "/x\". route entry not found.");
	}

	@Test
	void tokenIsAcceptedAsVaultTokenHeaderAndAsBearer() {
		VaultHttpResponse viaHeader = root().get("auth/token/lookup-self");
		VaultHttpResponse viaBearer = anonymous().withBearer(target().rootToken()).get("auth/token/lookup-self");

		assertThat(viaHeader.status()).isEqualTo(200);
		assertThat(viaBearer.status()).isEqualTo(200);
		assertThat(viaBearer.data().path("accessor").asString())
			.isEqualTo(viaHeader.data().path("accessor").asString());
		assertThat(viaBearer.data().path("policies").toString()).isEqualTo("[\"root\"]");
	}

	@Test
	void vaultTokenHeaderWinsOverBearer() {
		String unknown = "hvs.CAESIthisTokenWasNeverIssuedByThisVault";

		assertThat(anonymous().withToken(target().rootToken()).withBearer(unknown).get("auth/token/lookup-self")
			.status()).isEqualTo(200);
		assertForbidden(anonymous().withToken(unknown).withBearer(target().rootToken()).get("auth/token/lookup-self"),
				INVALID_TOKEN);
	}

	@Test
	void patchNeedsMergePatchContentType() {
		String key = unique("general");
		root().post("secret/data/" + key, body("data", Map.of("k", "v")));

		VaultHttpResponse response = root().send("PATCH", "secret/data/" + key,
				VaultHttpClient.json(body("data", Map.of("k", "w"))), "application/json");

		assertErrors(response, 415,
				"PATCH requires Content-Type of application/merge-patch+json, provided application/json");
		assertThat(root().get("secret/data/" + key).data().at("/data/k").asString()).isEqualTo("v");
	}

	@Test
	void unrecognizedParametersAreIgnoredWithAWarning() {
		String key = unique("general");

		VaultHttpResponse response = root().post("secret/data/" + key,
				body("data", Map.of("k", "v"), "zulu", 1, "alpha", "x"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.warnings()).contains("Endpoint ignored these unrecognized parameters: [alpha zulu]");
	}

	@Test
	void wrongFieldTypeFailsValidation() {
		String key = unique("general");

		VaultHttpResponse response = root().post("secret/metadata/" + key, body("max_versions", "many"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.errors()).singleElement().asString().startsWith("Field validation failed: ");
		assertEmptyNotFound(root().get("secret/metadata/" + key));
	}

}
