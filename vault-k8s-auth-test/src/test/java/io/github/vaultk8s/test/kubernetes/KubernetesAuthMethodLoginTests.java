package io.github.vaultk8s.test.kubernetes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.tls.SelfSignedTls;
import io.github.vaultk8s.test.token.TokenRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link KubernetesAuthMethod#login} against the stand-in's own TokenReview endpoint over real HTTP:
 * the success path and every refusal, in Vault's order, with Vault's status and message.
 */
class KubernetesAuthMethodLoginTests {

	private static final String CLIENT = "127.0.0.1";

	private final MutableClock clock = MutableClock.startingNow();

	private final ServiceAccountTokens tokens = new ServiceAccountTokens(this.clock, TestKeys.CLUSTER);

	private final RecordingTokenIssuer issuer = new RecordingTokenIssuer();

	private final KubernetesAuthMethod auth = new KubernetesAuthMethod(this.issuer, this.clock);

	private TokenReviewServer kubernetes;

	@BeforeEach
	void configure() {
		this.kubernetes = TokenReviewServer.http(this.tokens);
		this.auth.writeConfig(config(this.kubernetes.url()));
		this.auth.writeRole("testapp", Map.of("bound_service_account_names", "testapp",
				"bound_service_account_namespaces", "apps", "audience", "vault", "token_policies", "testapp,shared",
				"token_ttl", "1h", "token_max_ttl", "2h"));
	}

	@AfterEach
	void stopKubernetes() {
		this.kubernetes.close();
	}

	private Map<String, Object> config(String host) {
		Map<String, Object> config = new HashMap<>();
		config.put("kubernetes_host", host);
		config.put("token_reviewer_jwt", this.tokens.reviewerToken());
		config.put("disable_local_ca_jwt", true);
		return config;
	}

	@Test
	void validTokenLogsInAndIssuesATokenWithTheRolesSettings() {
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		Map<String, Object> auth = this.auth.login(login("testapp", jwt), CLIENT);
		assertThat(auth).containsEntry("client_token", "hvs.issued-1");
		TokenRequest request = this.issuer.onlyRequest();
		assertThat(request.path()).isEqualTo("auth/kubernetes/login");
		assertThat(request.displayName()).isEqualTo("kubernetes-apps-testapp");
		assertThat(request.policies()).containsExactly("testapp", "shared");
		assertThat(request.metadata()).containsOnly(entry("role", "testapp"), entry("service_account_name", "testapp"),
				entry("service_account_namespace", "apps"), entry("service_account_secret_name", ""),
				entry("service_account_uid", this.tokens.uid("apps", "testapp")));
		assertThat(request.ttl()).isEqualTo(Duration.ofHours(1));
		assertThat(request.maxTtl()).isEqualTo(Duration.ofHours(2));
		assertThat(request.period()).isEqualTo(Duration.ZERO);
		assertThat(request.explicitMaxTtl()).isEqualTo(Duration.ZERO);
		assertThat(request.noDefaultPolicy()).isFalse();
		assertThat(request.numUses()).isZero();
		assertThat(this.kubernetes.requests()).isEqualTo(1);
	}

	@Test
	void roleNameIsLookedUpCaseInsensitivelyAndRecordedAsGiven() {
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		this.auth.login(login("TestApp", jwt), CLIENT);
		assertThat(this.issuer.onlyRequest().metadata()).containsEntry("role", "TestApp");
	}

	@Test
	void missingRoleIsABadRequest() {
		assertRefused(() -> this.auth.login(Map.of("jwt", "x"), CLIENT), 400, "missing role");
		assertRefused(() -> this.auth.login(Map.of(), CLIENT), 400, "missing role");
	}

	@Test
	void missingJwtIsABadRequest() {
		assertRefused(() -> this.auth.login(Map.of("role", "testapp"), CLIENT), 400, "missing jwt");
		assertRefused(() -> this.auth.login(login("testapp", ""), CLIENT), 400, "missing jwt");
	}

	@Test
	void unknownRoleIsABadRequestNamingTheRole() {
		assertRefused(() -> this.auth.login(login("nope", "x"), CLIENT), 400, "invalid role name \"nope\"");
	}

	@Test
	void unknownRoleIsReportedBeforeTheJwtIsLookedAt() {
		assertRefused(() -> this.auth.login(login("nope", "garbage"), CLIENT), 400, "invalid role name \"nope\"");
		assertThat(this.kubernetes.requests()).isZero();
	}

	@Test
	void addressOutsideBoundCidrsIsDeniedBeforeTheConfigIsRead() {
		KubernetesAuthMethod unconfigured = new KubernetesAuthMethod(this.issuer, this.clock);
		unconfigured.writeRole("testapp", Map.of("bound_service_account_names", "testapp",
				"bound_service_account_namespaces", "apps", "token_bound_cidrs", "10.0.0.0/8"));
		assertRefused(() -> unconfigured.login(login("testapp", "garbage"), CLIENT), 403, "permission denied");
		assertRefused(() -> unconfigured.login(login("testapp", "garbage"), null), 403, "permission denied");
	}

	@Test
	void addressInsideBoundCidrsMayLogIn() {
		this.auth.writeRole("testapp", Map.of("token_bound_cidrs", List.of("10.0.0.0/8", "192.168.1.7")));
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		assertRefused(() -> this.auth.login(login("testapp", jwt), "192.168.1.8"), 403, "permission denied");
		assertThat(this.auth.login(login("testapp", jwt), "10.20.30.40:51234")).containsKey("client_token");
		assertThat(this.auth.login(login("testapp", jwt), "/192.168.1.7:4000")).containsKey("client_token");
		assertThat(this.issuer.requests()).hasSize(2);
	}

	@Test
	void ipv6BoundCidrsMatchIpv6Clients() {
		this.auth.writeRole("testapp", Map.of("token_bound_cidrs", "::1/128"));
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		assertThat(this.auth.login(login("testapp", jwt), "[::1]:8200")).containsKey("client_token");
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403, "permission denied");
	}

	@Test
	void loginWithoutConfigIsAServerError() {
		KubernetesAuthMethod unconfigured = new KubernetesAuthMethod(this.issuer, this.clock);
		unconfigured.writeRole("testapp", Map.of("bound_service_account_names", "testapp",
				"bound_service_account_namespaces", "apps"));
		assertRefused(() -> unconfigured.login(login("testapp", "garbage"), CLIENT), 500,
				"could not load backend configuration");
	}

	@Test
	void malformedJwtIsDenied() {
		assertRefused(() -> this.auth.login(login("testapp", "not-a-jwt"), CLIENT), 403, "permission denied");
		assertRefused(() -> this.auth.login(login("testapp", "a.b.c"), CLIENT), 403, "permission denied");
		assertThat(this.kubernetes.requests()).isZero();
	}

	@Test
	void jwtWithAnAlgorithmKubernetesDoesNotUseIsDenied() {
		String[] parts = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10)).split("\\.");
		for (String alg : List.of("HS256", "none", "RS1")) {
			String header = JsonWebToken.encode(("{\"alg\":\"" + alg + "\"}").getBytes());
			assertRefused(() -> this.auth.login(login("testapp", header + "." + parts[1] + "." + parts[2]), CLIENT),
					403, "permission denied");
		}
		assertThat(this.kubernetes.requests()).isZero();
	}

	@Test
	void unsignedJwtIsRefusedWithTheAlgorithmMessage() {
		String[] parts = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10)).split("\\.");
		assertRefused(() -> this.auth.login(login("testapp", parts[0] + "." + parts[1] + "."), CLIENT), 403,
				"invalid algorithm (alg) header parameter: token must be signed");
	}

	@Test
	void signatureIsCheckedLocallyOnlyWhenPemKeysAreConfigured() {
		String foreign = new ServiceAccountTokens(this.clock, TestKeys.OTHER_CLUSTER).mint("apps", "testapp", "vault",
				Duration.ofMinutes(10));
		// Without pem_keys the foreign token passes the local checks and TokenReview refuses it.
		assertRefused(() -> this.auth.login(login("testapp", foreign), CLIENT), 403, "permission denied");
		assertThat(this.kubernetes.requests()).isEqualTo(1);

		Map<String, Object> config = config(this.kubernetes.url());
		config.put("pem_keys", List.of(this.tokens.publicKeyPem()));
		this.auth.writeConfig(config);
		assertRefused(() -> this.auth.login(login("testapp", foreign), CLIENT), 403, "permission denied");
		assertThat(this.kubernetes.requests()).isEqualTo(1);
		String own = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		assertThat(this.auth.login(login("testapp", own), CLIENT)).containsKey("client_token");
	}

	@Test
	void expiredJwtIsRefusedOnceTheMinuteOfSkewHasPassed() {
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(1));
		this.clock.advance(Duration.ofSeconds(119));
		assertThat(this.auth.login(login("testapp", jwt), CLIENT)).containsKey("client_token");
		this.clock.advance(Duration.ofSeconds(2));
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403,
				"invalid expiration time (exp) claim: token is expired");
	}

	@Test
	void jwtNotYetValidIsRefused() {
		long now = this.clock.instant().getEpochSecond();
		String jwt = this.tokens.sign(claims(now - 10, now + 120, now + 600));
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403,
				"invalid not before (nbf) claim: token not yet valid");
	}

	@Test
	void jwtIssuedInTheFutureIsRefused() {
		long now = this.clock.instant().getEpochSecond();
		String jwt = this.tokens.sign(claims(now + 120, now, now + 600));
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403,
				"invalid issued at (iat) claim: token issued in the future");
	}

	@Test
	void jwtForAnotherAudienceIsRefused() {
		String jwt = this.tokens.mint("apps", "testapp", "someone-else", Duration.ofMinutes(10));
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403,
				"invalid audience (aud) claim: audience claim does not match any expected audience");
	}

	@Test
	void issuerIsCheckedOnlyWhenValidationIsTurnedOn() {
		Map<String, Object> config = config(this.kubernetes.url());
		config.put("issuer", "https://elsewhere.example");
		this.auth.writeConfig(config);
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		assertThat(this.auth.login(login("testapp", jwt), CLIENT)).containsKey("client_token");

		config.put("disable_iss_validation", false);
		this.auth.writeConfig(config);
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403, "invalid issuer (iss) claim");
	}

	@Test
	void unboundServiceAccountNameIsRefused() {
		String jwt = this.tokens.mint("apps", "intruder", "vault", Duration.ofMinutes(10));
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403, "service account name not authorized");
	}

	@Test
	void nameIsCheckedBeforeNamespace() {
		String jwt = this.tokens.mint("elsewhere", "intruder", "vault", Duration.ofMinutes(10));
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403, "service account name not authorized");
	}

	@Test
	void unboundNamespaceIsRefused() {
		String jwt = this.tokens.mint("elsewhere", "testapp", "vault", Duration.ofMinutes(10));
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403, "namespace not authorized");
		assertThat(this.kubernetes.requests()).isZero();
	}

	@Test
	void globBindingsMatchNamesAndNamespaces() {
		this.auth.writeRole("globs", Map.of("bound_service_account_names", "test*,*-worker",
				"bound_service_account_namespaces", List.of("team-*-prod", "shared"), "audience", "vault"));
		assertThat(this.auth.login(login("globs", mint("team-a-prod", "testapp")), CLIENT)).containsKey("client_token");
		assertThat(this.auth.login(login("globs", mint("shared", "batch-worker")), CLIENT)).containsKey("client_token");
	}

	@Test
	void globBindingsRefuseWhatTheyDoNotMatch() {
		this.auth.writeRole("globs", Map.of("bound_service_account_names", "test*", "bound_service_account_namespaces",
				"team-*-prod", "audience", "vault"));
		assertRefused(() -> this.auth.login(login("globs", mint("team-a-prod", "mytest")), CLIENT), 403,
				"service account name not authorized");
		assertRefused(() -> this.auth.login(login("globs", mint("team-prod", "testapp")), CLIENT), 403,
				"namespace not authorized");
		assertRefused(() -> this.auth.login(login("globs", mint("Team-a-prod", "testapp")), CLIENT), 403,
				"namespace not authorized");
	}

	@Test
	void starBindsEveryNameAndNamespace() {
		this.auth.writeRole("any", Map.of("bound_service_account_names", "*", "bound_service_account_namespaces", "*",
				"audience", "vault"));
		assertThat(this.auth.login(login("any", mint("whatever", "anyone")), CLIENT)).containsKey("client_token");
	}

	@Test
	void tokenReviewRefusalIsPermissionDenied() {
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		this.tokens.invalidate("apps", "testapp");
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403, "permission denied");
		assertThat(this.kubernetes.requests()).isEqualTo(1);
		assertThat(this.issuer.requests()).isEmpty();
	}

	@Test
	void withoutReviewerJwtTheClientsOwnJwtCallsTokenReview() {
		Map<String, Object> config = config(this.kubernetes.url());
		config.remove("token_reviewer_jwt");
		this.auth.writeConfig(config);
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));
		// Kubernetes forbids the call until the service account may review tokens (system:auth-delegator).
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403, "permission denied");
		this.tokens.allowTokenReview("apps", "testapp");
		assertThat(this.auth.login(login("testapp", jwt), CLIENT)).containsKey("client_token");
	}

	@Test
	void unreachableKubernetesHostIsPermissionDenied() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		this.auth.writeConfig(config("http://127.0.0.1:" + closedPort));
		String jwt = mint("apps", "testapp");
		assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403, "permission denied");
	}

	@Test
	void kubernetesHostThatNeverAnswersIsPermissionDeniedAfterTheTimeout() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.auth.setTokenReviewTimeout(Duration.ofSeconds(1));
			this.auth.writeConfig(config("http://127.0.0.1:" + silent.getLocalPort()));
			String jwt = mint("apps", "testapp");
			assertRefused(() -> this.auth.login(login("testapp", jwt), CLIENT), 403, "permission denied");
		}
	}

	@Test
	void hostWithoutSchemeIsPermissionDenied() {
		this.auth.writeConfig(config("localhost:6443"));
		assertRefused(() -> this.auth.login(login("testapp", mint("apps", "testapp")), CLIENT), 403,
				"permission denied");
	}

	@Test
	void httpsKubernetesIsTrustedThroughTheConfiguredCa() {
		SelfSignedTls tls = SelfSignedTls.generate();
		try (TokenReviewServer https = TokenReviewServer.https(this.tokens, tls)) {
			Map<String, Object> config = config(https.url());
			config.put("kubernetes_ca_cert", tls.caPem());
			this.auth.writeConfig(config);
			assertThat(this.auth.login(login("testapp", mint("apps", "testapp")), CLIENT)).containsKey("client_token");

			config.put("kubernetes_ca_cert", SelfSignedTls.generate().caPem());
			this.auth.writeConfig(config);
			assertRefused(() -> this.auth.login(login("testapp", mint("apps", "testapp")), CLIENT), 403,
					"permission denied");

			config.remove("kubernetes_ca_cert");
			this.auth.writeConfig(config);
			assertRefused(() -> this.auth.login(login("testapp", mint("apps", "testapp")), CLIENT), 403,
					"permission denied");
			assertThat(https.requests()).isEqualTo(1);
		}
	}

	@Test
	void legacySecretTokenReportsItsSecretName() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", ServiceAccountTokens.LEGACY_ISSUER);
		claims.put("kubernetes.io/serviceaccount/namespace", "apps");
		claims.put("kubernetes.io/serviceaccount/secret.name", "testapp-token-x7k2p");
		claims.put("kubernetes.io/serviceaccount/service-account.name", "testapp");
		claims.put("kubernetes.io/serviceaccount/service-account.uid", this.tokens.uid("apps", "testapp"));
		claims.put("sub", "system:serviceaccount:apps:testapp");
		this.auth.writeRole("legacy", Map.of("bound_service_account_names", "testapp",
				"bound_service_account_namespaces", "apps"));
		assertThat(this.auth.login(login("legacy", this.tokens.sign(claims)), CLIENT)).containsKey("client_token");
		assertThat(this.issuer.onlyRequest().metadata()).containsEntry("service_account_secret_name",
				"testapp-token-x7k2p");
	}

	@Test
	void tokenWithoutServiceAccountUidCannotBeAliasedByUid() {
		long now = this.clock.instant().getEpochSecond();
		Map<String, Object> claims = claims(now, now, now + 600);
		claims.put("kubernetes.io", Map.of("namespace", "apps", "serviceaccount", Map.of("name", "testapp")));
		assertRefused(() -> this.auth.login(login("testapp", this.tokens.sign(claims)), CLIENT), 500,
				"could not parse UID from claims");
	}

	@Test
	void tokenWithoutServiceAccountUidIsRefusedByTheLookupWhenAliasedByName() {
		this.auth.writeRole("byname", Map.of("bound_service_account_names", "testapp",
				"bound_service_account_namespaces", "apps", "audience", "vault", "alias_name_source",
				"serviceaccount_name"));
		long now = this.clock.instant().getEpochSecond();
		Map<String, Object> claims = claims(now, now, now + 600);
		claims.put("kubernetes.io", Map.of("namespace", "apps", "serviceaccount", Map.of("name", "testapp")));
		assertRefused(() -> this.auth.login(login("byname", this.tokens.sign(claims)), CLIENT), 403,
				"permission denied");
		assertThat(this.kubernetes.requests()).isEqualTo(1);
	}

	@Test
	void aliasByNameLogsInLikeAliasByUid() {
		this.auth.writeRole("byname", Map.of("bound_service_account_names", "testapp",
				"bound_service_account_namespaces", "apps", "audience", "vault", "alias_name_source",
				"serviceaccount_name"));
		assertThat(this.auth.login(login("byname", mint("apps", "testapp")), CLIENT)).containsKey("client_token");
	}

	private String mint(String namespace, String serviceAccount) {
		return this.tokens.mint(namespace, serviceAccount, "vault", Duration.ofMinutes(10));
	}

	private Map<String, Object> claims(long iat, long nbf, long exp) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("aud", List.of("vault"));
		claims.put("exp", exp);
		claims.put("iat", iat);
		claims.put("iss", ServiceAccountTokens.ISSUER);
		claims.put("kubernetes.io", Map.of("namespace", "apps", "serviceaccount",
				Map.of("name", "testapp", "uid", this.tokens.uid("apps", "testapp"))));
		claims.put("nbf", nbf);
		claims.put("sub", "system:serviceaccount:apps:testapp");
		return claims;
	}

	private static Map<String, Object> login(String role, String jwt) {
		return Map.of("role", role, "jwt", jwt);
	}

	private static Map.Entry<String, String> entry(String key, String value) {
		return Map.entry(key, value);
	}

	static void assertRefused(ThrowingCallable call, int status, String message) {
		assertThatExceptionOfType(VaultApiError.class).isThrownBy(call).satisfies((error) -> {
			assertThat(error.status()).isEqualTo(status);
			assertThat(error.errors()).containsExactly(message);
		});
	}

}
