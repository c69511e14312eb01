package io.github.vaultk8s.test.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.HttpExchange;

/**
 * Vault's JSON envelope, written in one place: the success shape, the 204, the {@code {"errors":[...]}}
 * shape, and {@code Cache-Control: no-store} on all of them.
 */
public final class VaultEnvelope {

	private VaultEnvelope() {
	}

	/** Writes a backend's response; {@code mountType} fills {@code mount_type}. */
	public static void write(HttpExchange exchange, VaultResponse response, String mountType, boolean headOnly)
			throws IOException {
		if (response.isRaw()) {
			send(exchange, response.status(), JsonCodec.write(response.rawBody()), headOnly);
			return;
		}
		if (response.isEmpty()) {
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			exchange.sendResponseHeaders(response.status(), -1);
			exchange.close();
			return;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("request_id", requestId());
		body.put("lease_id", "");
		body.put("renewable", false);
		body.put("lease_duration", 0);
		body.put("data", response.data());
		body.put("wrap_info", null);
		body.put("warnings", response.warnings().isEmpty() ? null : response.warnings());
		body.put("auth", response.auth());
		body.put("mount_type", (mountType != null) ? mountType : "");
		send(exchange, response.status(), JsonCodec.write(body), headOnly);
	}

	/** Writes {@code {"errors":[...]}} with the error's status. */
	public static void writeError(HttpExchange exchange, VaultApiError error) throws IOException {
		writeErrors(exchange, error.status(), error.errors());
	}

	public static void writeErrors(HttpExchange exchange, int status, List<String> errors) throws IOException {
		send(exchange, status, JsonCodec.write(Map.of("errors", errors)), false);
	}

	private static void send(HttpExchange exchange, int status, byte[] json, boolean headOnly) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		if (headOnly) {
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
			return;
		}
		exchange.sendResponseHeaders(status, json.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(json);
		}
	}

	/** A random v4 UUID without {@code SecureRandom}'s cost: request ids are not secrets. */
	private static String requestId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
		long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
		return new java.util.UUID(high, low).toString();
	}

}
