package io.github.vaultk8s.test.kubernetes;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.github.vaultk8s.test.kubernetes.KubernetesAuthMethodLoginTests.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link KubernetesAuthMethod#login} against fabric8's {@link KubernetesMockServer} answering canned
 * TokenReviews: what Vault sends to Kubernetes, and how each kind of answer decides the login.
 */
class KubernetesAuthMethodMockServerTests {

	private static final String PATH = "/apis/authentication.k8s.io/v1/tokenreviews";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final MutableClock clock = MutableClock.startingNow();

	private static final ServiceAccountTokens tokens = new ServiceAccountTokens(clock, TestKeys.CLUSTER);

	private static final String UID = tokens.uid("apps", "testapp");

	private static final boolean mockServerCanStart = vertxLinksAgainstNetty();

	// One server for the class: starting Vert.x takes seconds. Each test clears expectations and recordings.
	private static KubernetesMockServer kubernetes;

	private int requestsBefore;

	private final RecordingTokenIssuer issuer = new RecordingTokenIssuer();

	private final KubernetesAuthMethod auth = new KubernetesAuthMethod(this.issuer, clock);

	private final Map<String, Object> config = new HashMap<>();

	private static boolean vertxLinksAgainstNetty() {
		try {
			Class.forName("io.vertx.core.http.HttpHeaders", true,
					KubernetesAuthMethodMockServerTests.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	@BeforeEach
	void start() throws InterruptedException {
		assumeTrue(mockServerCanStart, "fabric8's KubernetesMockServer runs on Vert.x 5.2, which needs Netty "
				+ "4.2.18 or later, and this build resolves an older Netty: set <netty.version>4.2.18.Final"
				+ "</netty.version> in the root pom");
		if (kubernetes == null) {
			kubernetes = new KubernetesMockServer(false);
			kubernetes.init();
		}
		kubernetes.clearExpectations();
		while (kubernetes.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
			// recordings of an earlier test
		}
		this.requestsBefore = kubernetes.getRequestCount();
		this.config.put("kubernetes_host", kubernetes.url("/"));
		this.config.put("token_reviewer_jwt", "reviewer-jwt");
		this.config.put("disable_local_ca_jwt", true);
		this.auth.writeConfig(this.config);
		this.auth.writeRole("testapp", Map.of("bound_service_account_names", "testapp",
				"bound_service_account_namespaces", "apps", "audience", "vault"));
		this.auth.writeRole("noaudience", Map.of("bound_service_account_names", "testapp",
				"bound_service_account_namespaces", "apps"));
	}

	@AfterAll
	static void stop() {
		if (kubernetes != null) {
			kubernetes.destroy();
		}
	}

	@Test
	void authenticatedReviewLogsInAndVaultSentWhatThePluginSends() throws Exception {
		kubernetes.expect().post().withPath(PATH).andReturn(201, authenticated(UID, "vault")).once();
		String jwt = tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		assertThat(this.auth.login(Map.of("role", "testapp", "jwt", jwt), "127.0.0.1")).containsKey("client_token");
		assertThat(this.issuer.onlyRequest().metadata()).containsEntry("service_account_uid", UID);

		RecordedRequest request = kubernetes.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getPath()).isEqualTo(PATH);
		assertThat(request.getHeader("Authorization")).isEqualTo("Bearer reviewer-jwt");
		assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
		assertThat(request.getHeader("Accept")).isEqualTo("application/json");
		JsonNode body = JSON.readTree(request.getUtf8Body());
		assertThat(body.path("spec").path("token").asString()).isEqualTo(jwt);
		assertThat(body.path("spec").path("audiences").valueStream().map(JsonNode::asString)).containsExactly("vault");
		assertThat(body.has("kind")).isFalse();
	}

	@Test
	void okInsteadOfCreatedIsAcceptedToo() {
		kubernetes.expect().post().withPath(PATH).andReturn(200, authenticated(UID, "vault")).once();
		String jwt = tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		assertThat(this.auth.login(Map.of("role", "testapp", "jwt", jwt), "127.0.0.1")).containsKey("client_token");
	}

	@Test
	void roleWithoutAudienceAsksForTheJwtsOwnAudiences() throws Exception {
		kubernetes.expect().post().withPath(PATH).andReturn(201, authenticated(UID, "other")).once();
		String jwt = tokens.mintWithAudiences("apps", "testapp", List.of("vault", "other"), Duration.ofMinutes(10));
		assertThat(this.auth.login(Map.of("role", "noaudience", "jwt", jwt), "127.0.0.1")).containsKey("client_token");
		JsonNode spec = JSON.readTree(kubernetes.takeRequest(5, TimeUnit.SECONDS).getUtf8Body()).path("spec");
		assertThat(spec.path("audiences").valueStream().map(JsonNode::asString)).containsExactly("vault", "other");
	}

	@Test
	void jwtWithoutAudienceSendsNoAudiences() throws Exception {
		kubernetes.expect().post().withPath(PATH).andReturn(201, authenticated(UID)).once();
		long now = clock.instant().getEpochSecond();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("exp", now + 600);
		claims.put("iat", now);
		claims.put("iss", ServiceAccountTokens.ISSUER);
		claims.put("kubernetes.io", Map.of("namespace", "apps", "serviceaccount", Map.of("name", "testapp", "uid", UID)));
		String jwt = tokens.sign(claims);
		assertThat(this.auth.login(Map.of("role", "noaudience", "jwt", jwt), "127.0.0.1")).containsKey("client_token");
		JsonNode spec = JSON.readTree(kubernetes.takeRequest(5, TimeUnit.SECONDS).getUtf8Body()).path("spec");
		assertThat(spec.has("audiences")).isFalse();
	}

	@Test
	void withoutReviewerJwtTheClientsJwtIsTheBearer() throws Exception {
		this.config.remove("token_reviewer_jwt");
		this.auth.writeConfig(this.config);
		kubernetes.expect().post().withPath(PATH).andReturn(201, authenticated(UID, "vault")).once();
		String jwt = tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		this.auth.login(Map.of("role", "testapp", "jwt", jwt), "127.0.0.1");
		assertThat(kubernetes.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"))
			.isEqualTo("Bearer " + jwt);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusingAnswers")
	void refusingAnswerIsPermissionDenied(String description, int code, Object body) {
		kubernetes.expect().post().withPath(PATH).andReturn(code, body).once();
		String jwt = tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		assertRefused(() -> this.auth.login(Map.of("role", "testapp", "jwt", jwt), "127.0.0.1"), 403,
				"permission denied");
		assertThat(kubernetes.getRequestCount() - this.requestsBefore).isEqualTo(1);
		assertThat(this.issuer.requests()).isEmpty();
	}

	static Stream<Arguments> refusingAnswers() {
		return Stream.of(
				Arguments.of("not authenticated",
						201, new TokenReviewBuilder().withNewStatus().withNewUser().endUser().endStatus().build()),
				Arguments.of("authenticated with an error",
						201, new TokenReviewBuilder(authenticated(UID, "vault")).editStatus()
							.withError("[invalid bearer token, service account token has been invalidated]")
							.endStatus()
							.build()),
				Arguments.of("another service account", 201, review("system:serviceaccount:apps:other", UID, "vault")),
				Arguments.of("another namespace", 201, review("system:serviceaccount:other:testapp", UID, "vault")),
				Arguments.of("not a service account", 201, review("system:node:apps:testapp", UID, "vault")),
				Arguments.of("a plain user", 201, review("admin", UID, "vault")),
				Arguments.of("another uid", 201, review("system:serviceaccount:apps:testapp", "0000-other", "vault")),
				Arguments.of("another audience", 201, authenticated(UID, "someone-else")),
				Arguments.of("no audience", 201, authenticated(UID)),
				Arguments.of("401 unauthorized", 401, new StatusBuilder().withStatus("Failure")
					.withMessage("Unauthorized")
					.withReason("Unauthorized")
					.withCode(401)
					.build()),
				Arguments.of("403 forbidden", 403, new StatusBuilder().withStatus("Failure").withCode(403).build()),
				Arguments.of("500 internal error", 500, "{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":500}"),
				Arguments.of("success status instead of a review", 201, "{\"kind\":\"Status\",\"status\":\"Success\"}"),
				Arguments.of("review without status", 201, "{\"kind\":\"TokenReview\",\"spec\":{}}"),
				Arguments.of("not JSON", 201, "<html>hello</html>"));
	}

	private static TokenReview authenticated(String uid, String... audiences) {
		return review("system:serviceaccount:apps:testapp", uid, audiences);
	}

	private static TokenReview review(String username, String uid, String... audiences) {
		return new TokenReviewBuilder().withApiVersion("authentication.k8s.io/v1")
			.withKind("TokenReview")
			.withNewStatus()
			.withAuthenticated(true)
			.withNewUser()
			.withUsername(username)
			.withUid(uid)
			.withGroups("system:serviceaccounts", "system:authenticated")
			.endUser()
			.withAudiences(audiences)
			.endStatus()
			.build();
	}

}
