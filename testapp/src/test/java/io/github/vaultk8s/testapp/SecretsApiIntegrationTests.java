package io.github.vaultk8s.testapp;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.vaultk8s.test.server.DevState;
import io.github.vaultk8s.testapp.TestappClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint and status of the secrets API, end to end: real HTTP into the app, real HTTP from the
 * app (logged in through Kubernetes auth) to the Vault stand-in.
 */
class SecretsApiIntegrationTests extends EmbeddedVaultApplicationTests {

	private static final String PROBLEM = "application/problem+json";

	@Test
	void putCreatesWith201ThenAddsVersionsWith200() {
		String name = unique("team") + "/db";
		Response created = this.api.put("/secrets/" + name, "{\"user\":\"app\",\"password\":\"pw1\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("http://127.0.0.1:" + this.port + "/secrets/" + name);
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		assertThat(created.json().get("version").asInt()).isEqualTo(1);
		assertThat(created.json().get("name").asString()).isEqualTo(name);
		assertThat(created.json().get("createdTime").asString()).isNotEmpty();
		assertThat(vault.requests().count("/v1/secret/data/testapp/" + name)).isEqualTo(1);

		Response updated = this.api.put("/secrets/" + name, "{\"user\":\"app\",\"password\":\"pw2\"}");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.header("ETag")).isEqualTo("\"2\"");
		assertThat(updated.header("Location")).isNull();

		Response read = this.api.get("/secrets/" + name);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.header("ETag")).isEqualTo("\"2\"");
		assertThat(read.header("Cache-Control")).isEqualTo("no-store");
		assertThat(read.json().at("/data/password").asString()).isEqualTo("pw2");
		assertThat(this.api.get("/secrets/" + name + "?version=1").json().at("/data/password").asString())
			.isEqualTo("pw1");
		assertThat(this.api.get("/secrets/" + name, "If-None-Match", "\"2\"").status()).isEqualTo(304);
	}

	@Test
	void ifMatchIsCheckAndSet() {
		String name = unique("cas");
		this.api.put("/secrets/" + name, "{\"n\":1}");
		this.api.put("/secrets/" + name, "{\"n\":2}");
		Response stale = this.api.put("/secrets/" + name, "{\"n\":3}", "If-Match", "\"1\"");
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.header("Content-Type")).startsWith(PROBLEM);
		assertThat(this.api.get("/secrets/" + name).json().at("/data/n").asInt()).isEqualTo(2);
		Response current = this.api.put("/secrets/" + name, "{\"n\":3}", "If-Match", "\"2\"");
		assertThat(current.status()).isEqualTo(200);
		assertThat(current.header("ETag")).isEqualTo("\"3\"");
		assertThat(this.api.put("/secrets/" + name, "{\"n\":4}", "If-Match", "*").status()).isEqualTo(200);
	}

	@Test
	void ifMatchOnMissingSecretIs412() {
		String name = unique("missing");
		assertThat(this.api.put("/secrets/" + name, "{}", "If-Match", "\"1\"").status()).isEqualTo(412);
		assertThat(this.api.put("/secrets/" + name, "{}", "If-Match", "*").status()).isEqualTo(412);
		assertThat(this.api.get("/secrets/" + name).status()).isEqualTo(404);
	}

	@Test
	void ifNoneMatchStarCreatesOnlyOnce() {
		String name = unique("create-only");
		assertThat(this.api.put("/secrets/" + name, "{\"a\":1}", "If-None-Match", "*").status()).isEqualTo(201);
		Response again = this.api.put("/secrets/" + name, "{\"a\":2}", "If-None-Match", "*");
		assertThat(again.status()).isEqualTo(412);
		assertThat(this.api.get("/secrets/" + name).json().at("/data/a").asInt()).isEqualTo(1);
	}

	@Test
	void concurrentWritersWithTheSameIfMatchHaveExactlyOneWinner() throws Exception {
		String name = unique("race");
		this.api.put("/secrets/" + name, "{\"winner\":\"none\"}");
		int writers = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < writers; i++) {
				String body = "{\"winner\":\"" + i + "\"}";
				Callable<Integer> write = () -> {
					start.await();
					return this.api.put("/secrets/" + name, body, "If-Match", "\"1\"").status();
				};
				results.add(pool.submit(write));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : results) {
				statuses.add(result.get());
			}
			assertThat(statuses).containsOnly(200, 412).filteredOn((status) -> status == 200).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		Response read = this.api.get("/secrets/" + name);
		assertThat(read.header("ETag")).isEqualTo("\"2\"");
		assertThat(read.json().at("/data/winner").asString()).isNotEqualTo("none");
	}

	@Test
	void patchIsAMergePatchHonouringIfMatch() {
		String name = unique("patch");
		this.api.put("/secrets/" + name, "{\"a\":1,\"b\":{\"c\":1,\"d\":2}}");
		Response patched = this.api.patch("/secrets/" + name, "{\"b\":{\"d\":null},\"e\":3}");
		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		assertThat(patched.header("ETag")).isEqualTo("\"2\"");
		assertThat(this.api.get("/secrets/" + name).json().get("data").toString())
			.isEqualTo("{\"a\":1,\"b\":{\"c\":1},\"e\":3}");
		assertThat(this.api.patch("/secrets/" + name, "{\"a\":9}", "If-Match", "\"1\"").status()).isEqualTo(412);
		assertThat(this.api.patch("/secrets/" + name, "{\"a\":9}", "If-Match", "\"2\"").status()).isEqualTo(200);
		assertThat(this.api.get("/secrets/" + name).json().at("/data/a").asInt()).isEqualTo(9);
		assertThat(this.api.patch("/secrets/" + unique("nope"), "{\"a\":1}").status()).isEqualTo(404);
		assertThat(this.api.send("PATCH", "/secrets/" + name, "application/json", "{}").status()).isEqualTo(415);
	}

	@Test
	void neverExistedIs404AndUnknownVersionIs404() {
		String name = unique("ghost");
		Response missing = this.api.get("/secrets/" + name);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.header("Content-Type")).startsWith(PROBLEM);
		assertThat(missing.json().get("detail").asString()).contains(name);
		this.api.put("/secrets/" + name, "{\"a\":1}");
		assertThat(this.api.get("/secrets/" + name + "?version=7").status()).isEqualTo(404);
		assertThat(this.api.get("/secrets/" + name + "/versions").status()).isEqualTo(200);
		assertThat(this.api.get("/secrets/" + unique("ghost") + "/versions").status()).isEqualTo(404);
	}

	@Test
	void deleteMakesTheVersionGoneUntilUndeleted() {
		String name = unique("soft");
		this.api.put("/secrets/" + name, "{\"v\":1}");
		this.api.put("/secrets/" + name, "{\"v\":2}");
		assertThat(this.api.delete("/secrets/" + name).status()).isEqualTo(204);

		Response gone = this.api.get("/secrets/" + name);
		assertThat(gone.status()).isEqualTo(410);
		assertThat(gone.header("Content-Type")).startsWith(PROBLEM);
		assertThat(gone.json().get("state").asString()).isEqualTo("deleted");
		assertThat(gone.json().get("version").asInt()).isEqualTo(2);
		assertThat(gone.json().get("detail").asString()).contains("/secrets/" + name + "/undelete")
			.contains("{\"versions\":[2]}");
		assertThat(this.api.get("/secrets/" + name + "?version=1").json().at("/data/v").asInt()).isEqualTo(1);

		Response versions = this.api.get("/secrets/" + name + "/versions");
		assertThat(versions.json().get("currentVersion").asInt()).isEqualTo(2);
		assertThat(versions.json().at("/versions/0/state").asString()).isEqualTo("active");
		assertThat(versions.json().at("/versions/1/state").asString()).isEqualTo("deleted");
		assertThat(versions.json().at("/versions/1/deletionTime").asString()).isNotEmpty();

		assertThat(this.api.post("/secrets/" + name + "/undelete", "{\"versions\":[2]}").status()).isEqualTo(204);
		Response back = this.api.get("/secrets/" + name);
		assertThat(back.status()).isEqualTo(200);
		assertThat(back.json().at("/data/v").asInt()).isEqualTo(2);
	}

	@Test
	void deleteGivenVersionsAndDestroy() {
		String name = unique("versions");
		for (int v = 1; v <= 3; v++) {
			this.api.put("/secrets/" + name, "{\"v\":" + v + "}");
		}
		assertThat(this.api.delete("/secrets/" + name + "?versions=1,2").status()).isEqualTo(204);
		assertThat(this.api.get("/secrets/" + name + "?version=1").status()).isEqualTo(410);
		assertThat(this.api.get("/secrets/" + name + "?version=2").status()).isEqualTo(410);
		assertThat(this.api.get("/secrets/" + name).status()).isEqualTo(200);
		assertThat(this.api.delete("/secrets/" + name + "?versions=9").status()).isEqualTo(404);

		assertThat(this.api.post("/secrets/" + name + "/destroy", "{\"versions\":[1,3]}").status()).isEqualTo(204);
		Response destroyed = this.api.get("/secrets/" + name + "?version=1");
		assertThat(destroyed.status()).isEqualTo(410);
		assertThat(destroyed.json().get("state").asString()).isEqualTo("destroyed");
		assertThat(destroyed.json().get("detail").asString()).contains("cannot be recovered");
		assertThat(this.api.get("/secrets/" + name).json().get("state").asString()).isEqualTo("destroyed");
		assertThat(this.api.get("/secrets/" + name + "/versions").json().at("/versions/2/state").asString())
			.isEqualTo("destroyed");
		// Undeleting a destroyed version does not bring it back.
		assertThat(this.api.post("/secrets/" + name + "/undelete", "{\"versions\":[1,2]}").status()).isEqualTo(204);
		assertThat(this.api.get("/secrets/" + name + "?version=1").status()).isEqualTo(410);
		assertThat(this.api.get("/secrets/" + name + "?version=2").status()).isEqualTo(200);
	}

	@Test
	void purgeRemovesEverything() {
		String name = unique("purge");
		this.api.put("/secrets/" + name, "{\"a\":1}");
		this.api.put("/secrets/" + name, "{\"a\":2}");
		assertThat(this.api.delete("/secrets/" + name + "?purge=true").status()).isEqualTo(204);
		assertThat(this.api.get("/secrets/" + name).status()).isEqualTo(404);
		assertThat(this.api.get("/secrets/" + name + "/versions").status()).isEqualTo(404);
		assertThat(this.api.delete("/secrets/" + name + "?purge=true").status()).isEqualTo(404);
		assertThat(this.api.delete("/secrets/" + name).status()).isEqualTo(404);
		assertThat(this.api.put("/secrets/" + name, "{\"a\":3}").status()).isEqualTo(201);
	}

	@Test
	void listShowsSecretsAndMarksFolders() {
		String folder = unique("list");
		this.api.put("/secrets/" + folder + "/x", "{\"a\":1}");
		this.api.put("/secrets/" + folder + "/sub/y", "{\"a\":1}");
		Response listing = this.api.get("/secrets?folder=" + folder);
		assertThat(listing.status()).isEqualTo(200);
		assertThat(listing.json().get("folder").asString()).isEqualTo(folder);
		assertThat(listing.json().get("secrets").toString()).isEqualTo("[\"x\"]");
		assertThat(listing.json().get("folders").toString()).isEqualTo("[\"sub/\"]");
		assertThat(this.api.get("/secrets?folder=" + folder + "/").json().get("secrets").toString())
			.isEqualTo("[\"x\"]");
		assertThat(this.api.get("/secrets?folder=" + folder + "/sub").json().get("secrets").toString())
			.isEqualTo("[\"y\"]");
		assertThat(this.api.get("/secrets?folder=" + unique("empty")).status()).isEqualTo(404);
		assertThat(this.api.get("/secrets?folder=..").status()).isEqualTo(400);
	}

	/**
	 * Vault checks a LIST of {@code secret/metadata/testapp/} against an exact rule for
	 * {@code secret/metadata/testapp} first, so listing the top needs {@code list} there too: without
	 * it the answer is a clean 403, with it the top-level folders.
	 */
	@Test
	void topLevelListNeedsListOnTheFolderItself() throws Exception {
		String folder = unique("top");
		this.api.put("/secrets/" + folder + "/x", "{\"a\":1}");
		writePolicy(DevState.POLICY_HCL.replace("secret/metadata/testapp\"   { capabilities = [\"read\",",
				"secret/metadata/testapp\"   { capabilities = [\"read\",\"list\","));
		try {
			Response top = this.api.get("/secrets");
			assertThat(top.status()).as(top.toString()).isEqualTo(200);
			assertThat(top.json().get("folder").asString()).isEmpty();
			assertThat(top.json().get("folders").toString()).contains("\"" + folder + "/\"");
		}
		finally {
			writePolicy(DevState.POLICY_HCL);
		}
		Response withDevPolicy = this.api.get("/secrets");
		assertThat(withDevPolicy.status()).isIn(200, 403);
		assertThat(withDevPolicy.header("Content-Type")).startsWith((withDevPolicy.status() == 200) ? "application/json" : PROBLEM);
	}

	@Test
	void bodiesOver64KiBAre413WithOrWithoutContentLength() throws Exception {
		String name = unique("big");
		String big = "{\"v\":\"" + "x".repeat(64 * 1024) + "\"}";
		Response declared = this.api.put("/secrets/" + name, big);
		assertThat(declared.status()).isEqualTo(413);
		assertThat(declared.header("Content-Type")).startsWith(PROBLEM);
		HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/secrets/" + name))
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
			.build();
		assertThat(HttpClient.newHttpClient().send(chunked, BodyHandlers.ofString()).statusCode()).isEqualTo(413);
		String justUnder = "{\"v\":\"" + "x".repeat(64 * 1024 - 16) + "\"}";
		assertThat(this.api.put("/secrets/" + name, justUnder).status()).isEqualTo(201);
		assertThat(this.api.get("/secrets/" + name).json().at("/data/v").asString()).hasSize(64 * 1024 - 16);
	}

	@Test
	void wrongContentTypeIs415() {
		Response response = this.api.send("PUT", "/secrets/" + unique("ct"), "text/plain", "{}");
		assertThat(response.status()).isEqualTo(415);
		assertThat(response.header("Content-Type")).startsWith(PROBLEM);
		assertThat(this.api.send("POST", "/secrets/x/undelete", "application/xml", "<a/>").status()).isEqualTo(415);
	}

	@Test
	void badNamesAre400WithoutReachingVault() {
		vault.requests().reset();
		for (String path : List.of("/secrets/a//b", "/secrets/a/../b", "/secrets/a%2Fb", "/secrets/..%2Fsys",
				"/secrets/a%5Cb", "/secrets/a%00b", "/secrets/%2e%2e/x", "/secrets/a;b", "/secrets/a/b/c/d/e/f/g/h/i",
				"/secrets/" + "a".repeat(257), "/secrets/x/versions/")) {
			Response response = this.api.put(path, "{\"a\":1}");
			assertThat(response.status()).as(path).isEqualTo(400);
		}
		assertThat(vault.requests().total()).isZero();
	}

	@Test
	void policyDenialIs403() throws Exception {
		String locked = unique("locked");
		writePolicy(DevState.POLICY_HCL + "path \"secret/data/testapp/" + locked + "/*\" { capabilities = [\"deny\"] }\n");
		try {
			Response denied = this.api.put("/secrets/" + locked + "/x", "{\"a\":1}");
			assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
			assertThat(denied.header("Content-Type")).startsWith(PROBLEM);
			assertThat(denied.json().get("detail").asString()).contains("policy");
			assertThat(this.api.put("/secrets/" + unique("open"), "{\"a\":1}").status()).isEqualTo(201);
		}
		finally {
			writePolicy(DevState.POLICY_HCL);
		}
	}

	@Test
	void sealedVaultIs503WithRetryAfter() {
		String name = unique("sealed");
		this.api.put("/secrets/" + name, "{\"a\":1}");
		vault.faults().seal();
		try {
			Response sealed = this.api.get("/secrets/" + name);
			assertThat(sealed.status()).isEqualTo(503);
			assertThat(sealed.header("Retry-After")).isEqualTo("5");
			assertThat(sealed.header("Content-Type")).startsWith(PROBLEM);
		}
		finally {
			vault.faults().unseal();
		}
		assertThat(this.api.get("/secrets/" + name).status()).isEqualTo(200);
	}

	@Test
	void openApiAndActuatorSurface() {
		Response docs = this.api.get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body()).contains("/secrets");
		assertThat(this.api.get("/swagger-ui/index.html").status()).isEqualTo(200);
		assertThat(this.api.get("/actuator/prometheus").status()).isEqualTo(200);
		assertThat(this.api.get("/actuator/info").status()).isEqualTo(200);
		assertThat(this.api.get("/actuator/env").status()).isEqualTo(404);
		assertThat(this.api.get("/actuator/beans").status()).isEqualTo(404);
		Response readiness = this.api.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().at("/components/vault/status").asString()).isEqualTo("UP");
		assertThat(readiness.json().at("/components/vault/details").isMissingNode()).isTrue();
		assertThat(readiness.json().at("/components/vaultSession/status").asString()).isEqualTo("UP");
		assertThat(readiness.body()).doesNotContain("details").doesNotContain("token");
		assertThat(this.api.get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	private static void writePolicy(String hcl) throws Exception {
		String body = "{\"policy\":" + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(hcl)
				+ "}";
		HttpRequest request = HttpRequest.newBuilder(vault.uri().resolve("/v1/sys/policies/acl/" + DevState.POLICY))
			.header("X-Vault-Token", vault.rootToken())
			.PUT(BodyPublishers.ofString(body))
			.build();
		int status = HttpClient.newHttpClient().send(request, BodyHandlers.discarding()).statusCode();
		assertThat(status).isEqualTo(204);
	}

}
