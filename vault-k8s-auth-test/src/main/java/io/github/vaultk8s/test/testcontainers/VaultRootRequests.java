package io.github.vaultk8s.test.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The few root-token calls {@link VaultWithK3s#applyDevState} makes against real Vault. Errors name the
 * path and Vault's answer, never the token.
 */
final class VaultRootRequests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI baseUri;

	private final String token;

	VaultRootRequests(URI baseUri, String token) {
		this.baseUri = baseUri;
		this.token = token;
	}

	/** Sends {@code method path body} and returns the status and body; throws on I/O failure only. */
	HttpResponse<String> send(String method, String path, Map<String, Object> body) {
		HttpRequest request = HttpRequest.newBuilder(this.baseUri.resolve("/v1/" + path))
			.timeout(Duration.ofSeconds(20))
			.header("X-Vault-Token", this.token)
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? BodyPublishers.ofString(JSON.writeValueAsString(body))
					: BodyPublishers.noBody())
			.build();
		try {
			return this.http.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " /v1/" + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during " + method + " /v1/" + path, ex);
		}
	}

	/** Like {@link #send}, but anything outside 2xx is an {@link IllegalStateException}. */
	void expectSuccess(String method, String path, Map<String, Object> body) {
		HttpResponse<String> response = send(method, path, body);
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					method + " /v1/" + path + " answered " + response.statusCode() + ": " + response.body());
		}
	}

}
