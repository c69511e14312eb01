package io.github.vaultk8s.test.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.vaultk8s.test.tls.SelfSignedTls;

/** The stand-in's TokenReview handler served on a loopback port, over http or https. */
final class TokenReviewServer implements AutoCloseable {

	private final HttpServer server;

	private final String scheme;

	private TokenReviewServer(HttpServer server, String scheme, ServiceAccountTokens tokens) {
		this.server = server;
		this.scheme = scheme;
		server.createContext("/", tokens.tokenReviewHandler());
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

	@Override
	public void close() {
		this.server.stop(0);
	}

}
