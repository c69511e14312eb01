package io.github.vaultk8s.k8s.smoke;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The test app's secrets API as the smoke test sees it (PUT → 201, GET → 200 with the value, DELETE → 204
 * soft delete then GET → 410, DELETE ?purge=true → 204 then GET → 404), with hooks to misbehave.
 */
final class FakeSecretsApi implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, String> bodies = new HashMap<>();

	private final Set<String> softDeleted = new HashSet<>();

	private volatile UnaryOperator<String> readBack = UnaryOperator.identity();

	private volatile int putStatus = 201;

	FakeSecretsApi() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/secrets/", this::handle);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Changes the stored JSON object before GET returns it. */
	void corruptReads(UnaryOperator<String> readBack) {
		this.readBack = readBack;
	}

	void failWrites(int status) {
		this.putStatus = status;
	}

	private synchronized void handle(HttpExchange exchange) throws IOException {
		String name = exchange.getRequestURI().getPath().substring("/secrets/".length());
		String query = String.valueOf(exchange.getRequestURI().getQuery());
		switch (exchange.getRequestMethod()) {
			case "PUT" -> {
				if (this.putStatus >= 300) {
					respond(exchange, this.putStatus, "{\"status\":" + this.putStatus + "}");
					return;
				}
				this.bodies.put(name, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				this.softDeleted.remove(name);
				respond(exchange, this.putStatus, "{\"name\":\"" + name + "\",\"version\":1}");
			}
			case "GET" -> {
				if (this.softDeleted.contains(name)) {
					respond(exchange, 410, "{\"status\":410}");
				}
				else if (!this.bodies.containsKey(name)) {
					respond(exchange, 404, "{\"status\":404}");
				}
				else {
					respond(exchange, 200, "{\"name\":\"" + name + "\",\"version\":1,\"data\":"
							+ this.readBack.apply(this.bodies.get(name)) + "}");
				}
			}
			case "DELETE" -> {
				if (query.contains("purge=true")) {
					this.bodies.remove(name);
					this.softDeleted.remove(name);
				}
				else {
					this.softDeleted.add(name);
				}
				respond(exchange, 204, null);
			}
			default -> respond(exchange, 405, "{}");
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
