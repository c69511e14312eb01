package io.github.vaultk8s.test.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kube-apiserver's {@code POST /apis/authentication.k8s.io/v1/tokenreviews} for the tokens of one
 * {@link ServiceAccountTokens}: authentication of the caller first (401), then its right to review
 * (403), then the request (400), then a {@code 201 Created} TokenReview whose status says whether the
 * reviewed token is valid, shaped as Kubernetes shapes it (false and empty fields are left out).
 */
final class TokenReviewHandler implements HttpHandler {

	static final String PATH = "/apis/authentication.k8s.io/v1/tokenreviews";

	private static final String API_VERSION = "authentication.k8s.io/v1";

	// kube-apiserver allows the same minute of clock skew on exp, nbf and iat.
	private static final Duration LEEWAY = Duration.ofMinutes(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ServiceAccountTokens tokens;

	TokenReviewHandler(ServiceAccountTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readAllBytes();
			String caller = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
			if (caller == null) {
				sendStatus(exchange, 401, "Unauthorized", "Unauthorized");
				return;
			}
			if (!PATH.equals(exchange.getRequestURI().getPath())) {
				sendStatus(exchange, 404, "NotFound", "the server could not find the requested resource");
				return;
			}
			if (!"POST".equals(exchange.getRequestMethod())) {
				sendStatus(exchange, 405, "MethodNotAllowed",
						"the server does not allow this method on the requested resource");
				return;
			}
			if (!this.tokens.mayReview(caller)) {
				sendStatus(exchange, 403, "Forbidden", "tokenreviews.authentication.k8s.io is forbidden: User \""
						+ caller + "\" cannot create resource \"tokenreviews\" in API group \"authentication.k8s.io\""
						+ " at the cluster scope");
				return;
			}
			review(exchange, body);
		}
	}

	/** The caller's username, or null when the bearer token is not one Kubernetes would accept. */
	private String authenticate(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String bearer = authorization.substring(7).trim();
		Verdict verdict = verify(bearer, List.of());
		return verdict.authenticated() ? verdict.username() : null;
	}

	private void review(HttpExchange exchange, byte[] body) throws IOException {
		JsonNode request;
		try {
			request = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			sendStatus(exchange, 400, "BadRequest", "couldn't get version/kind; json parse error");
			return;
		}
		if (request == null || !request.isObject()) {
			sendStatus(exchange, 400, "BadRequest", "couldn't get version/kind; json parse error");
			return;
		}
		String apiVersion = request.path("apiVersion").asString("");
		String kind = request.path("kind").asString("");
		if ((!apiVersion.isEmpty() && !API_VERSION.equals(apiVersion)) || (!kind.isEmpty() && !"TokenReview".equals(kind))) {
			sendStatus(exchange, 400, "BadRequest", "the API version in the data (" + apiVersion
					+ ") does not match the expected API version (" + API_VERSION + ")");
			return;
		}
		JsonNode spec = request.path("spec");
		String token = spec.path("token").asString("");
		if (token.isEmpty()) {
			sendStatus(exchange, 400, "BadRequest", "token is required for TokenReview in authentication");
			return;
		}
		List<String> audiences = new ArrayList<>();
		spec.path("audiences").forEach((audience) -> audiences.add(audience.asString()));

		Map<String, Object> echoedSpec = new LinkedHashMap<>();
		echoedSpec.put("token", token);
		if (!audiences.isEmpty()) {
			echoedSpec.put("audiences", audiences);
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("kind", "TokenReview");
		response.put("apiVersion", API_VERSION);
		response.put("metadata", metadata());
		response.put("spec", echoedSpec);
		response.put("status", verify(token, audiences).toStatus());
		send(exchange, 201, response);
	}

	private static Map<String, Object> metadata() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("creationTimestamp", null);
		return metadata;
	}

	/** Checks a token as the service-account authenticator does. */
	Verdict verify(String token, List<String> requestedAudiences) {
		JsonWebToken jwt;
		try {
			jwt = JsonWebToken.parse(token);
		}
		catch (IllegalArgumentException ex) {
			return Verdict.failed("token lookup failed");
		}
		Map<String, Object> claims = jwt.claims();
		Object issuer = claims.get("iss");
		if (!ServiceAccountTokens.ISSUER.equals(issuer) && !ServiceAccountTokens.LEGACY_ISSUER.equals(issuer)) {
			return Verdict.failed("token lookup failed");
		}
		if (jwt.algorithm() != JwsAlgorithm.RS256
				|| !jwt.algorithm().verify(this.tokens.publicKey(), jwt.signingInput(), jwt.signature())) {
			return Verdict.failed("square/go-jose: error in cryptographic primitive");
		}
		Instant now = this.tokens.clock().instant();
		if (isAfter(now.minus(LEEWAY), claims.get("exp"))) {
			return Verdict.failed("service account token has expired");
		}
		if (isBefore(now.plus(LEEWAY), claims.get("nbf"))) {
			return Verdict.failed("service account token is not valid yet");
		}
		if (isBefore(now.plus(LEEWAY), claims.get("iat"))) {
			return Verdict.failed("service account token is issued in the future");
		}
		ServiceAccountClaims account = ServiceAccountClaims.from(claims);
		// Legacy secret-based tokens carry no aud: they are valid for the API server's own audience.
		List<String> tokenAudiences = account.audiences().isEmpty() ? List.of(ServiceAccountTokens.ISSUER)
				: account.audiences();
		List<String> target = requestedAudiences.isEmpty() ? tokenAudiences : requestedAudiences;
		List<String> granted = target.stream().filter(tokenAudiences::contains).distinct().toList();
		if (granted.isEmpty()) {
			return Verdict.failed("token audiences " + goList(tokenAudiences) + " is invalid for the target audiences "
					+ goList(target));
		}
		Object jti = claims.get("jti");
		if (jti instanceof String id && this.tokens.isRevoked(id)) {
			return Verdict.failed("service account token has been invalidated");
		}
		if (account.namespace().isEmpty() || account.name().isEmpty()) {
			return Verdict.failed("token lookup failed");
		}
		Map<String, List<String>> extra = new LinkedHashMap<>();
		if (jti instanceof String id) {
			extra.put("authentication.kubernetes.io/credential-id", List.of("JTI=" + id));
		}
		if (!account.podName().isEmpty()) {
			extra.put("authentication.kubernetes.io/pod-name", List.of(account.podName()));
			extra.put("authentication.kubernetes.io/pod-uid", List.of(account.podUid()));
		}
		return new Verdict(true, ServiceAccountTokens.username(account.namespace(), account.name()), account.uid(),
				List.of("system:serviceaccounts", "system:serviceaccounts:" + account.namespace(),
						"system:authenticated"),
				extra, granted, null);
	}

	private static boolean isAfter(Instant instant, Object epochSeconds) {
		return epochSeconds instanceof Number seconds && instant.isAfter(Instant.ofEpochSecond(seconds.longValue()));
	}

	private static boolean isBefore(Instant instant, Object epochSeconds) {
		return epochSeconds instanceof Number seconds && instant.isBefore(Instant.ofEpochSecond(seconds.longValue()));
	}

	/** Go's {@code %q} of a string slice: {@code ["a" "b"]}. */
	private static String goList(List<String> values) {
		return values.stream().map(GoQuote::of).collect(Collectors.joining(" ", "[", "]"));
	}

	private static void sendStatus(HttpExchange exchange, int code, String reason, String message) throws IOException {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("kind", "Status");
		status.put("apiVersion", "v1");
		status.put("metadata", Map.of());
		status.put("status", "Failure");
		status.put("message", message);
		status.put("reason", reason);
		status.put("code", code);
		send(exchange, code, status);
	}

	private static void send(HttpExchange exchange, int code, Map<String, Object> body) throws IOException {
		byte[] json = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(code, json.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(json);
		}
	}

	/** The outcome of reviewing one token. */
	record Verdict(boolean authenticated, String username, String uid, List<String> groups,
			Map<String, List<String>> extra, List<String> audiences, String error) {

		static Verdict failed(String reason) {
			return new Verdict(false, null, null, List.of(), Map.of(), List.of(), "[invalid bearer token, " + reason + "]");
		}

		Map<String, Object> toStatus() {
			Map<String, Object> status = new LinkedHashMap<>();
			Map<String, Object> user = new LinkedHashMap<>();
			if (this.authenticated) {
				status.put("authenticated", true);
				user.put("username", this.username);
				user.put("uid", this.uid);
				user.put("groups", this.groups);
				user.put("extra", this.extra);
			}
			status.put("user", user);
			if (!this.audiences.isEmpty()) {
				status.put("audiences", this.audiences);
			}
			if (this.error != null) {
				status.put("error", this.error);
			}
			return status;
		}

	}

}
