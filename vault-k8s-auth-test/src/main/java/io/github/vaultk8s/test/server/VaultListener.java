package io.github.vaultk8s.test.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
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

	static {
		// Small JSON answers on keep-alive connections otherwise wait for Nagle and delayed ACKs. The JDK
		// server reads this once, when its first instance in the JVM is made.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final String host;

	private final SSLContext sslContext;

	private final VaultRequestPipeline pipeline;

	private int port;

	private HttpServer server;

	private ExecutorService executor;

	/**
	 * @param port the port, 0 for a free one chosen at the first start and kept afterwards
	 * @param sslContext {@code null} for plain HTTP
	 */
	public VaultListener(String host, int port, SSLContext sslContext, VaultRequestPipeline pipeline) {
		this.host = host;
		this.port = port;
		this.sslContext = sslContext;
		this.pipeline = pipeline;
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
		// Requests that may block (bodies, logins that call TokenReview on this same server, latency faults)
		// go to a pool that grows on demand; quick reads are answered on the dispatcher thread, which saves
		// two thread hand-offs per request (about 40% of the CPU a KV read costs).
		ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 512, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "embedded-vault-" + THREADS.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		created.setExecutor(Runnable::run);
		created.createContext("/", dispatching(pool));
		created.start();
		this.server = created;
		this.executor = pool;
		this.port = created.getAddress().getPort();
	}

	private HttpHandler dispatching(ExecutorService pool) {
		return (exchange) -> {
			if (this.pipeline.answersQuickly(exchange)) {
				this.pipeline.handle(exchange);
				return;
			}
			try {
				pool.execute(() -> {
					try {
						this.pipeline.handle(exchange);
					}
					catch (IOException | RuntimeException ex) {
						exchange.close();
					}
				});
			}
			catch (RejectedExecutionException ex) {
				exchange.close();
			}
		};
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
