package io.github.vaultk8s.test.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The JDK HTTP(S) server socket. Stopping really closes the socket (clients get connection refused);
 * starting again binds the same port.
 */
public final class VaultListener {

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final String host;

	private final SSLContext sslContext;

	private final HttpHandler handler;

	private int port;

	private HttpServer server;

	private ExecutorService executor;

	/**
	 * @param port the port, 0 for a free one chosen at the first start and kept afterwards
	 * @param sslContext {@code null} for plain HTTP
	 */
	public VaultListener(String host, int port, SSLContext sslContext, HttpHandler handler) {
		this.host = host;
		this.port = port;
		this.sslContext = sslContext;
		this.handler = handler;
	}

	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		HttpServer created;
		try {
			InetSocketAddress address = new InetSocketAddress(this.host, this.port);
			if (this.sslContext != null) {
				HttpsServer https = HttpsServer.create(address, 512);
				https.setHttpsConfigurator(new HttpsConfigurator(this.sslContext));
				created = https;
			}
			else {
				created = HttpServer.create(address, 512);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on " + this.host + ":" + this.port, ex);
		}
		// Handler threads block in latency faults and in TokenReview calls to this same server, so the
		// pool grows on demand instead of queueing behind a fixed size.
		ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 512, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "embedded-vault-" + THREADS.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		created.setExecutor(pool);
		created.createContext("/", this.handler);
		created.start();
		this.server = created;
		this.executor = pool;
		this.port = created.getAddress().getPort();
	}

	public synchronized void stop() {
		if (this.server == null) {
			return;
		}
		this.server.stop(0);
		this.executor.shutdownNow();
		this.server = null;
		this.executor = null;
	}

	public synchronized boolean isRunning() {
		return this.server != null;
	}

	public synchronized int port() {
		return this.port;
	}

	public boolean isTls() {
		return this.sslContext != null;
	}

}
