package io.github.vaultk8s.testapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the running app: real requests over a socket, raw paths kept as given.
 */
final class TestappClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	TestappClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	Response get(String path, String... headers) {
		return sendBytes("GET", path, null, null, headers);
	}

	Response put(String path, String json, String... headers) {
		return send("PUT", path, "application/json", json, headers);
	}

	Response patch(String path, String json, String... headers) {
		return send("PATCH", path, "application/merge-patch+json", json, headers);
	}

	Response post(String path, String json, String... headers) {
		return send("POST", path, "application/json", json, headers);
	}

	Response delete(String path, String... headers) {
		return sendBytes("DELETE", path, null, null, headers);
	}

	Response send(String method, String path, String contentType, String body, String... headers) {
		return sendBytes(method, path, contentType,
				(body != null) ? body.getBytes(java.nio.charset.StandardCharsets.UTF_8) : null, headers);
	}

	Response sendBytes(String method, String path, String contentType, byte[] body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (body != null) ? BodyPublishers.ofByteArray(body) : BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return new Response(this.http.send(request.build(), BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response with its body parsed on demand. */
	record Response(HttpResponse<String> raw) {

		int status() {
			return this.raw.statusCode();
		}

		String body() {
			return this.raw.body();
		}

		String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		@Override
		public String toString() {
			return this.raw.request().method() + " " + this.raw.uri().getRawPath() + " -> " + status() + " " + body();
		}

	}

}
