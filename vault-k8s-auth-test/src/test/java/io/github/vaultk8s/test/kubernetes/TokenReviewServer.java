package io.github.vaultk8s.test.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.vaultk8s.test.tls.SelfSignedTls;

/** The stand-in's TokenReview handler served on a loopback port, over http or https. */
final class TokenReviewServer implements AutoCloseable {

	static {
		// The JDK server reads this once, on first use; without it Nagle's algorithm adds ~40 ms per exchange.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final HttpServer server;

	private final String scheme;

	private final AtomicInteger requests = new AtomicInteger();

	private TokenReviewServer(HttpServer server, String scheme, ServiceAccountTokens tokens) {
		this.server = server;
		this.scheme = scheme;
		HttpHandler handler = tokens.tokenReviewHandler();
		server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			handler.handle(exchange);
		});
		server.start();
	}

	static TokenReviewServer http(ServiceAccountTokens tokens) {
		try {
			return new TokenReviewServer(HttpServer.create(loopback(), 0), "http", tokens);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static TokenReviewServer https(ServiceAccountTokens tokens, SelfSignedTls tls) {
		try {
			HttpsServer server = HttpsServer.create(loopback(), 0);
			server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
			return new TokenReviewServer(server, "https", tokens);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InetSocketAddress loopback() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
	}

	/** The base URL, as Vault's {@code kubernetes_host}. */
	String url() {
		return this.scheme + "://localhost:" + this.server.getAddress().getPort();
	}

	String tokenReviewUrl() {
		return url() + TokenReviewHandler.PATH;
	}

	/** How many requests reached the server, to tell local refusals from refusals by TokenReview. */
	int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
