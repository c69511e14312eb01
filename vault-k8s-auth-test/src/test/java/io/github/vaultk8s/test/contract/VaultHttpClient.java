package io.github.vaultk8s.test.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * A deliberately plain HTTP client for Vault's API: it sends exactly the method, path, headers and body
 * a test asks for (including {@code LIST}, bad JSON and odd content types) and hides nothing in the
 * answer, so the tests see what a client on the wire sees. Immutable; {@code with*} methods return a
 * copy that also sends the given token header.
 */
final class VaultHttpClient {

	static final String MERGE_PATCH = "application/merge-patch+json";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final HttpClient PLAIN = newHttpClient(null);

	private final HttpClient http;

	private final URI baseUri;

	private final Map<String, String> headers;

	private VaultHttpClient(HttpClient http, URI baseUri, Map<String, String> headers) {
		this.http = http;
		this.baseUri = baseUri;
		this.headers = Map.copyOf(headers);
	}

	/** A client that sends no token at all, trusting the JDK's default CAs. */
	static VaultHttpClient anonymous(URI baseUri) {
		return new VaultHttpClient(PLAIN, baseUri, Map.of());
	}

	/** A client that sends no token at all, trusting only the CA in {@code caPem}. */
	static VaultHttpClient anonymous(URI baseUri, String caPem) {
		return new VaultHttpClient(newHttpClient(PemTrust.sslContext(caPem)), baseUri, Map.of());
	}

	/** The same server and headers, plus the token as {@code X-Vault-Token}. */
	VaultHttpClient withToken(String token) {
		return withHeader("X-Vault-Token", token);
	}

	/** The same server and headers, plus the token as {@code Authorization: Bearer}. */
	VaultHttpClient withBearer(String token) {
		return withHeader("Authorization", "Bearer " + token);
	}

	private VaultHttpClient withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new VaultHttpClient(this.http, this.baseUri, headers);
	}

	VaultHttpResponse get(String path) {
		return send("GET", path, null, null);
	}

	VaultHttpResponse list(String path) {
		return send("LIST", path, null, null);
	}

	VaultHttpResponse delete(String path) {
		return send("DELETE", path, null, null);
	}

	VaultHttpResponse post(String path, Object body) {
		return send("POST", path, json(body), "application/json");
	}

	VaultHttpResponse put(String path, Object body) {
		return send("PUT", path, json(body), "application/json");
	}

	VaultHttpResponse patch(String path, Object body) {
		return send("PATCH", path, json(body), MERGE_PATCH);
	}

	/**
	 * Sends a request as given.
	 * @param method any method name, e.g. {@code LIST}
	 * @param path the path after {@code /v1/}, query string included
	 * @param body the raw body, or {@code null} for none
	 * @param contentType the {@code Content-Type}, or {@code null} for none
	 */
	VaultHttpResponse send(String method, String path, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUri.resolve("/v1/" + path))
			.timeout(Duration.ofSeconds(20))
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		this.headers.forEach(request::header);
		try {
			var response = this.http.send(request.build(), BodyHandlers.ofString());
			return VaultHttpResponse.of(response.statusCode(), response.headers(), response.body(), MAPPER);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during " + method + " " + path, ex);
		}
	}

	private static HttpClient newHttpClient(SSLContext sslContext) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5));
		if (sslContext != null) {
			builder.sslContext(sslContext);
		}
		return builder.build();
	}

	static String json(Object body) {
		return (body != null) ? MAPPER.writeValueAsString(body) : null;
	}

	static Map<String, Object> body(Object... keysAndValues) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			body.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return body;
	}

}
