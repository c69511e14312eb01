package io.github.vaultk8s.test.kubernetes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import io.github.vaultk8s.test.tls.PemCertificates;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The TokenReview call Vault's Kubernetes auth makes at login, over real HTTP:
 * {@code POST {kubernetes_host}/apis/authentication.k8s.io/v1/tokenreviews} with the reviewer's bearer
 * token, trusting only {@code kubernetes_ca_cert} when one is configured, and the reply judged as the
 * plugin judges it. Timeouts are bounded so an unreachable or silent host refuses a login instead of hanging.
 */
final class TokenReviewClient {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String host;

	private final HttpClient client;

	TokenReviewClient(String host, String caCert) {
		this.host = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(CONNECT_TIMEOUT)
			.sslContext(caCert.isEmpty() ? systemTrust() : PemCertificates.trustingOnly(caCert))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	private static SSLContext systemTrust() {
		try {
			return SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reviews a token.
	 * @param bearer the token to authenticate the call with
	 * @param token the token to review
	 * @param audiences the audiences to ask for (none: leave them out)
	 * @param timeout how long to wait for the answer
	 * @return who Kubernetes says the token belongs to
	 * @throws TokenReviewException when the call fails or the reply does not authenticate the token
	 */
	ReviewedServiceAccount review(String bearer, String token, List<String> audiences, Duration timeout)
			throws TokenReviewException {
		HttpResponse<byte[]> response = send(bearer, token, audiences, timeout);
		int status = response.statusCode();
		if (status == 401) {
			throw new TokenReviewException("lookup failed: service account unauthorized; this could mean it has been "
					+ "deleted or recreated with a new token");
		}
		if (status < 200 || status > 206) {
			throw new TokenReviewException("TokenReview answered HTTP " + status);
		}
		JsonNode reply = parse(response.body());
		JsonNode reviewStatus = reply.path("status");
		if (!reviewStatus.isObject()) {
			throw new TokenReviewException("TokenReview reply has no status object");
		}
		String error = text(reviewStatus, "error");
		if (!error.isEmpty()) {
			throw new TokenReviewException("lookup failed: " + error);
		}
		JsonNode authenticated = reviewStatus.path("authenticated");
		if (!authenticated.isMissingNode() && !authenticated.isNull() && !authenticated.isBoolean()) {
			throw new TokenReviewException("TokenReview status.authenticated is not a boolean");
		}
		if (!authenticated.asBoolean(false)) {
			throw new TokenReviewException("lookup failed: service account jwt not valid");
		}
		if (!audiences.isEmpty()) {
			List<String> granted = strings(reviewStatus.path("audiences"));
			if (audiences.stream().noneMatch(granted::contains)) {
				throw new TokenReviewException("lookup failed: service account jwt valid for audience(s) " + granted
						+ ", but wanted " + audiences);
			}
		}
		JsonNode user = reviewStatus.path("user");
		String[] parts = text(user, "username").split(":", -1);
		if (parts.length != 4) {
			throw new TokenReviewException("lookup failed: unexpected username format");
		}
		if (!parts[0].equals("system") || !parts[1].equals("serviceaccount")) {
			throw new TokenReviewException("lookup failed: username returned is not a service account");
		}
		return new ReviewedServiceAccount(parts[2], parts[3], text(user, "uid"));
	}

	private HttpResponse<byte[]> send(String bearer, String token, List<String> audiences, Duration timeout)
			throws TokenReviewException {
		URI uri;
		try {
			uri = URI.create(this.host + TokenReviewHandler.PATH);
		}
		catch (IllegalArgumentException ex) {
			throw new TokenReviewException("kubernetes_host is not a URL");
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
			throw new TokenReviewException("unsupported protocol scheme in kubernetes_host");
		}
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(timeout)
			.header("Authorization", "Bearer " + bearer.trim())
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(requestBody(token, audiences))))
			.build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new TokenReviewException("TokenReview call failed: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TokenReviewException("TokenReview call interrupted");
		}
	}

	/** The body Vault sends: Go's encoding of a TokenReview with only the spec set. */
	private static Map<String, Object> requestBody(String token, List<String> audiences) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("creationTimestamp", null);
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("token", token);
		if (!audiences.isEmpty()) {
			spec.put("audiences", audiences);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("metadata", metadata);
		body.put("spec", spec);
		body.put("status", Map.of("user", Map.of()));
		return body;
	}

	private static JsonNode parse(byte[] body) throws TokenReviewException {
		try {
			return Optional.ofNullable(JSON.readTree(body))
				.filter(JsonNode::isObject)
				.orElseThrow(() -> new TokenReviewException("TokenReview reply is not a JSON object"));
		}
		catch (JacksonException ex) {
			throw new TokenReviewException("TokenReview reply is not JSON");
		}
	}

	private static String text(JsonNode node, String field) throws TokenReviewException {
		JsonNode value = node.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return "";
		}
		if (!value.isString()) {
			throw new TokenReviewException("TokenReview field " + field + " is not a string");
		}
		return value.asString();
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().filter(JsonNode::isString).map(JsonNode::asString).toList();
	}

	/** Who Kubernetes says a reviewed token belongs to. */
	record ReviewedServiceAccount(String namespace, String name, String uid) {
	}

	/** A TokenReview that did not authenticate the token; the message never holds a token. */
	static final class TokenReviewException extends Exception {

		TokenReviewException(String message) {
			super(message, null, false, false);
		}

	}

}
