package io.github.vaultk8s.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.github.vaultk8s.test.http.JsonCodec;

/**
 * A bare JDK HTTP client for talking to the stand-in in tests, so assertions see exactly what is on the
 * wire.
 */
public final class TestVaultClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final URI base;

	public TestVaultClient(URI base) {
		this.base = base;
	}

	public Response get(String path, String token) {
		return send("GET", path, token, null, null);
	}

	public Response send(String method, String path, String token, String body) {
		return send(method, path, token, body, null);
	}

	public Response send(String method, String path, String token, String body, String contentType) {
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		if (token != null) {
			headers.put("X-Vault-Token", token);
		}
		if (contentType != null) {
			headers.put("Content-Type", contentType);
		}
		return exchange(method, path, headers, body);
	}

	/** Any request with exactly these headers. */
	public Response exchange(String method, String path, Map<String, String> headers, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response with its body parsed when it is JSON. */
	public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return JsonCodec.read(this.body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.class);
		}

		@SuppressWarnings("unchecked")
		public Map<String, Object> data() {
			return (Map<String, Object>) json().get("data");
		}

		@SuppressWarnings("unchecked")
		public Map<String, Object> auth() {
			return (Map<String, Object>) json().get("auth");
		}

		public String header(String name) {
			for (Map.Entry<String, java.util.List<String>> entry : this.headers.entrySet()) {
				if (entry.getKey().equalsIgnoreCase(name)) {
					return entry.getValue().get(0);
				}
			}
			return null;
		}

	}

}
