package io.github.vaultk8s.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP/1.1 client for the bench: one status + body per call, exceptions become status -1. */
final class Http {

	/** A finished call: status (-1 when no HTTP answer came), body, and how long it took. */
	record Answer(int status, String body, long nanos, String error) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		Object json() {
			return (this.body == null || this.body.isBlank()) ? null : Json.parse(this.body);
		}

	}

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Duration timeout;

	Http(Duration timeout) {
		this.timeout = timeout;
	}

	Answer get(String url, Map<String, String> headers) {
		return send("GET", url, null, headers);
	}

	Answer send(String method, String url, String jsonBody, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(this.timeout);
		headers.forEach(request::header);
		if (jsonBody != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (jsonBody != null) ? HttpRequest.BodyPublishers.ofString(jsonBody)
				: HttpRequest.BodyPublishers.noBody());
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), System.nanoTime() - start, null);
		}
		catch (IOException ex) {
			return new Answer(-1, null, System.nanoTime() - start, ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(-1, null, System.nanoTime() - start, "interrupted");
		}
	}

}
