package io.github.vaultk8s.test.kubernetes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServiceAccountTokens}: the JWTs it mints, and its TokenReview endpoint served over real HTTP.
 */
class ServiceAccountTokensTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MutableClock clock = MutableClock.startingNow();

	private final ServiceAccountTokens tokens = new ServiceAccountTokens(this.clock, TestKeys.CLUSTER);

	private final TokenReviewServer server = TokenReviewServer.http(this.tokens);

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void mintedTokenIsAnRs256JwsThatVerifiesWithThePublishedKey() throws Exception {
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		String[] parts = jwt.split("\\.");
		assertThat(parts).hasSize(3);
		JsonNode header = decode(parts[0]);
		assertThat(header.path("alg").asString()).isEqualTo("RS256");
		assertThat(header.path("kid").asString()).isNotEmpty();

		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(publicKey(this.tokens.publicKeyPem()));
		verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

		verifier.initVerify(publicKey(this.tokens.publicKeyPem()));
		verifier.update((parts[0] + "." + parts[1] + "x").getBytes(StandardCharsets.US_ASCII));
		assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isFalse();
	}

	@Test
	void mintedTokenCarriesProjectedServiceAccountClaims() {
		long now = this.clock.instant().getEpochSecond();
		JsonNode claims = decode(this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10)).split("\\.")[1]);
		assertThat(claims.path("iss").asString()).isEqualTo("https://kubernetes.default.svc.cluster.local");
		assertThat(claims.path("sub").asString()).isEqualTo("system:serviceaccount:apps:testapp");
		assertThat(claims.path("aud").isArray()).isTrue();
		assertThat(claims.path("aud").get(0).asString()).isEqualTo("vault");
		assertThat(claims.path("iat").asLong()).isEqualTo(now);
		assertThat(claims.path("nbf").asLong()).isEqualTo(now);
		assertThat(claims.path("exp").asLong()).isEqualTo(now + 600);
		assertThat(claims.path("jti").asString()).isNotEmpty();
		JsonNode kubernetes = claims.path("kubernetes.io");
		assertThat(kubernetes.path("namespace").asString()).isEqualTo("apps");
		assertThat(kubernetes.path("serviceaccount").path("name").asString()).isEqualTo("testapp");
		assertThat(kubernetes.path("serviceaccount").path("uid").asString())
			.isEqualTo(this.tokens.uid("apps", "testapp"));
		assertThat(kubernetes.path("pod").path("name").asString()).startsWith("testapp-");
		assertThat(kubernetes.path("pod").path("uid").asString()).isNotEmpty();
	}

	@Test
	void serviceAccountUidIsStablePerNamespaceAndName() {
		String uid = this.tokens.uid("apps", "testapp");
		assertThat(this.tokens.uid("apps", "testapp")).isEqualTo(uid);
		assertThat(this.tokens.uid("other", "testapp")).isNotEqualTo(uid);
		assertThat(this.tokens.uid("apps", "other")).isNotEqualTo(uid);
	}

	@Test
	void tokenWithoutAudienceGetsTheApiServerAudience() {
		JsonNode claims = decode(this.tokens.mint("apps", "testapp", null, Duration.ofMinutes(1)).split("\\.")[1]);
		assertThat(claims.path("aud").get(0).asString()).isEqualTo(ServiceAccountTokens.ISSUER);
	}

	@Test
	void reviewOfAValidTokenAuthenticatesTheServiceAccount() throws Exception {
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		HttpResponse<String> response = review(this.tokens.reviewerToken(), jwt, List.of("vault"));
		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode reply = JSON.readTree(response.body());
		assertThat(reply.path("kind").asString()).isEqualTo("TokenReview");
		assertThat(reply.path("apiVersion").asString()).isEqualTo("authentication.k8s.io/v1");
		JsonNode status = reply.path("status");
		assertThat(status.path("authenticated").asBoolean()).isTrue();
		assertThat(status.has("error")).isFalse();
		assertThat(status.path("audiences").valueStream().map(JsonNode::asString)).containsExactly("vault");
		JsonNode user = status.path("user");
		assertThat(user.path("username").asString()).isEqualTo("system:serviceaccount:apps:testapp");
		assertThat(user.path("uid").asString()).isEqualTo(this.tokens.uid("apps", "testapp"));
		assertThat(user.path("groups").valueStream().map(JsonNode::asString)).containsExactly(
				"system:serviceaccounts", "system:serviceaccounts:apps", "system:authenticated");
		assertThat(user.path("extra").path("authentication.kubernetes.io/pod-name").get(0).asString())
			.startsWith("testapp-");
		assertThat(user.path("extra").path("authentication.kubernetes.io/credential-id").get(0).asString())
			.startsWith("JTI=");
	}

	@Test
	void reviewWithoutRequestedAudiencesUsesTheTokensOwn() throws Exception {
		String jwt = this.tokens.mintWithAudiences("apps", "testapp", List.of("vault", "other"), Duration.ofMinutes(10));
		JsonNode status = JSON.readTree(review(this.tokens.reviewerToken(), jwt, List.of()).body()).path("status");
		assertThat(status.path("authenticated").asBoolean()).isTrue();
		assertThat(status.path("audiences").valueStream().map(JsonNode::asString)).containsExactly("vault", "other");
	}

	@Test
	void reviewAnswersTheIntersectionOfRequestedAndTokenAudiences() throws Exception {
		String jwt = this.tokens.mintWithAudiences("apps", "testapp", List.of("vault", "other"), Duration.ofMinutes(10));
		JsonNode status = JSON.readTree(review(this.tokens.reviewerToken(), jwt, List.of("x", "other")).body())
			.path("status");
		assertThat(status.path("authenticated").asBoolean()).isTrue();
		assertThat(status.path("audiences").valueStream().map(JsonNode::asString)).containsExactly("other");
	}

	@Test
	void reviewWithDisjointAudiencesDoesNotAuthenticate() throws Exception {
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		JsonNode status = reviewStatus(jwt, List.of("someone-else"));
		assertThat(status.path("authenticated").asBoolean(false)).isFalse();
		assertThat(status.path("error").asString())
			.isEqualTo("[invalid bearer token, token audiences [\"vault\"] is invalid for the target audiences "
					+ "[\"someone-else\"]]");
		assertThat(status.path("user").isEmpty()).isTrue();
		assertThat(status.has("audiences")).isFalse();
	}

	@Test
	void expiredTokenIsNotAuthenticatedOnceTheMinuteOfSkewHasPassed() throws Exception {
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		this.clock.advance(Duration.ofMinutes(10).plusSeconds(59));
		assertThat(reviewStatus(jwt, List.of()).path("authenticated").asBoolean()).isTrue();
		this.clock.advance(Duration.ofSeconds(2));
		JsonNode status = reviewStatus(jwt, List.of());
		assertThat(status.path("authenticated").asBoolean(false)).isFalse();
		assertThat(status.path("error").asString()).contains("service account token has expired");
	}

	@Test
	void tokenNotYetValidIsNotAuthenticated() throws Exception {
		this.clock.advance(Duration.ofMinutes(2));
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		this.clock.advance(Duration.ofMinutes(-2));
		JsonNode status = reviewStatus(jwt, List.of());
		assertThat(status.path("authenticated").asBoolean(false)).isFalse();
		assertThat(status.path("error").asString()).contains("not valid yet");
	}

	@Test
	void tokenSignedWithAnotherKeyIsNotAuthenticated() throws Exception {
		String foreign = new ServiceAccountTokens(this.clock, TestKeys.OTHER_CLUSTER).mint("apps", "testapp", "vault",
				Duration.ofMinutes(10));
		JsonNode status = reviewStatus(foreign, List.of());
		assertThat(status.path("authenticated").asBoolean(false)).isFalse();
		assertThat(status.path("error").asString()).contains("invalid bearer token");
	}

	@Test
	void tamperedClaimsAreNotAuthenticated() throws Exception {
		String[] parts = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10)).split("\\.");
		Map<String, Object> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
		claims.put("sub", "system:serviceaccount:kube-system:admin");
		String tampered = parts[0] + "." + JsonWebToken.encode(JSON.writeValueAsBytes(claims)) + "." + parts[2];
		assertThat(reviewStatus(tampered, List.of()).path("authenticated").asBoolean(false)).isFalse();
	}

	@Test
	void garbageTokenIsNotAuthenticated() throws Exception {
		JsonNode status = reviewStatus("not-a-jwt", List.of());
		assertThat(status.path("authenticated").asBoolean(false)).isFalse();
		assertThat(status.path("error").asString()).startsWith("[invalid bearer token");
	}

	@Test
	void invalidatedTokensAreNotAuthenticatedButNewOnesAre() throws Exception {
		String before = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		this.tokens.invalidate("apps", "testapp");
		JsonNode status = reviewStatus(before, List.of());
		assertThat(status.path("authenticated").asBoolean(false)).isFalse();
		assertThat(status.path("error").asString()).contains("service account token has been invalidated");
		String after = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		assertThat(reviewStatus(after, List.of()).path("authenticated").asBoolean()).isTrue();
	}

	@Test
	void wrongBearerIsAnsweredWithAKubernetes401Status() throws Exception {
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		HttpResponse<String> response = review("wrong", jwt, List.of());
		assertThat(response.statusCode()).isEqualTo(401);
		JsonNode status = JSON.readTree(response.body());
		assertThat(status.path("kind").asString()).isEqualTo("Status");
		assertThat(status.path("apiVersion").asString()).isEqualTo("v1");
		assertThat(status.path("status").asString()).isEqualTo("Failure");
		assertThat(status.path("reason").asString()).isEqualTo("Unauthorized");
		assertThat(status.path("code").asInt()).isEqualTo(401);
	}

	@Test
	void missingBearerIsUnauthorized() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.server.tokenReviewUrl()))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
	}

	@Test
	void serviceAccountWithoutTheRightToReviewIsForbidden() throws Exception {
		String caller = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		HttpResponse<String> response = review(caller, caller, List.of());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(response.body()).path("reason").asString()).isEqualTo("Forbidden");

		this.tokens.allowTokenReview("apps", "testapp");
		response = review(caller, caller, List.of());
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(response.body()).path("status").path("authenticated").asBoolean()).isTrue();
	}

	@Test
	void malformedJsonIsABadRequestStatus() throws Exception {
		HttpResponse<String> response = post(this.tokens.reviewerToken(), "{\"spec\":");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode status = JSON.readTree(response.body());
		assertThat(status.path("kind").asString()).isEqualTo("Status");
		assertThat(status.path("reason").asString()).isEqualTo("BadRequest");
	}

	@Test
	void wrongApiVersionAndMissingTokenAreBadRequests() throws Exception {
		assertThat(post(this.tokens.reviewerToken(),
				"{\"apiVersion\":\"authentication.k8s.io/v1beta1\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\"x\"}}")
			.statusCode()).isEqualTo(400);
		assertThat(post(this.tokens.reviewerToken(), "{\"spec\":{}}").statusCode()).isEqualTo(400);
	}

	@Test
	void requestWithoutKindAndApiVersionIsAcceptedAsVaultSendsIt() throws Exception {
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		HttpResponse<String> response = post(this.tokens.reviewerToken(),
				"{\"metadata\":{\"creationTimestamp\":null},\"spec\":{\"token\":\"" + jwt + "\"},\"status\":{\"user\":{}}}");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(response.body()).path("status").path("authenticated").asBoolean()).isTrue();
	}

	@Test
	void otherMethodsAndPathsAreRefused() throws Exception {
		HttpRequest get = HttpRequest.newBuilder(URI.create(this.server.tokenReviewUrl()))
			.header("Authorization", "Bearer " + this.tokens.reviewerToken())
			.GET()
			.build();
		assertThat(this.http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
		HttpRequest elsewhere = HttpRequest.newBuilder(URI.create(this.server.url() + "/api/v1/namespaces"))
			.header("Authorization", "Bearer " + this.tokens.reviewerToken())
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		assertThat(this.http.send(elsewhere, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
	}

	private JsonNode reviewStatus(String jwt, List<String> audiences) throws Exception {
		HttpResponse<String> response = review(this.tokens.reviewerToken(), jwt, audiences);
		assertThat(response.statusCode()).isEqualTo(201);
		return JSON.readTree(response.body()).path("status");
	}

	private HttpResponse<String> review(String bearer, String jwt, List<String> audiences) throws Exception {
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("token", jwt);
		if (!audiences.isEmpty()) {
			spec.put("audiences", audiences);
		}
		Map<String, Object> body = Map.of("apiVersion", "authentication.k8s.io/v1", "kind", "TokenReview", "spec",
				spec);
		return post(bearer, JSON.writeValueAsString(body));
	}

	private HttpResponse<String> post(String bearer, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.server.tokenReviewUrl()))
			.header("Authorization", "Bearer " + bearer)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode decode(String part) {
		return JSON.readTree(Base64.getUrlDecoder().decode(part));
	}

	private static PublicKey publicKey(String pem) throws Exception {
		String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

}
