package io.github.vaultk8s.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy between an app and Vault that counts the HTTP requests passing through it (by method and
 * path) and can take Vault "down" without losing Vault's state: {@link Mode#REFUSE} closes the listener
 * and every open connection (connection refused, like a stopped Vault), {@link Mode#BLACKHOLE} accepts
 * connections and never answers (like a hung Vault or a dropped network). Counting at the wire makes the
 * numbers the same for any client, the starter or plain Spring Cloud Vault.
 */
final class VaultTap implements AutoCloseable {

	enum Mode {

		PASS, REFUSE, BLACKHOLE

	}

	/** One request seen on the wire: when, and {@code METHOD /path} without the query. */
	record Seen(long nanos, String request) {
	}

	private static final Pattern REQUEST_LINE = Pattern
		.compile("(GET|POST|PUT|DELETE|LIST|HEAD|PATCH|OPTIONS) (/[^ ?]*)\\S* HTTP/1\\.[01]\r?$");

	private final String host;

	private final int port;

	private final InetSocketAddress target;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	private volatile Mode mode = Mode.PASS;

	private volatile ServerSocket server;

	private volatile boolean closed;

	VaultTap(String host, int port, InetSocketAddress target) throws IOException {
		this.host = host;
		this.port = port;
		this.target = target;
		listen();
	}

	int port() {
		return this.port;
	}

	String uri() {
		return "http://" + this.host + ":" + this.port;
	}

	synchronized void mode(Mode next) throws IOException {
		if (next == this.mode) {
			return;
		}
		this.mode = next;
		closeOpenConnections();
		if (next == Mode.REFUSE) {
			this.server.close();
		}
		else if (this.server.isClosed()) {
			listen();
		}
	}

	/** Requests seen since {@code sinceNanos} ({@link System#nanoTime()}), counted by {@code METHOD /path}. */
	Map<String, Integer> counts(long sinceNanos) {
		Map<String, Integer> counts = new TreeMap<>();
		for (Seen s : this.seen) {
			if (s.nanos() >= sinceNanos) {
				counts.merge(s.request(), 1, Integer::sum);
			}
		}
		return counts;
	}

	/** Requests whose {@code METHOD /path} contains {@code fragment}, seen since {@code sinceNanos}. */
	List<Seen> seen(String fragment, long sinceNanos) {
		List<Seen> matching = new ArrayList<>();
		for (Seen s : this.seen) {
			if (s.nanos() >= sinceNanos && s.request().contains(fragment)) {
				matching.add(s);
			}
		}
		return matching;
	}

	@Override
	public synchronized void close() throws IOException {
		this.closed = true;
		if (this.server != null) {
			this.server.close();
		}
		closeOpenConnections();
	}

	private void listen() throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(this.host, this.port), 128);
		this.server = socket;
		Thread acceptor = new Thread(() -> accept(socket), "tap-accept-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed() && !this.closed) {
			try {
				Socket client = socket.accept();
				client.setTcpNoDelay(true);
				this.open.add(client);
				if (this.mode == Mode.BLACKHOLE) {
					continue; // held open, never answered, closed when the mode changes
				}
				Thread connector = new Thread(() -> connect(client), "tap-conn");
				connector.setDaemon(true);
				connector.start();
			}
			catch (IOException ex) {
				// listener closed (mode change or shutdown): this acceptor ends
			}
		}
	}

	private void connect(Socket client) {
		Socket upstream = new Socket();
		try {
			upstream.setTcpNoDelay(true);
			upstream.connect(this.target, 2000);
			this.open.add(upstream);
			Thread up = new Thread(() -> pump(client, upstream, true), "tap-up");
			up.setDaemon(true);
			up.start();
			pump(upstream, client, false);
		}
		catch (IOException ex) {
			closeQuietly(client);
			closeQuietly(upstream);
		}
	}

	private void pump(Socket from, Socket to, boolean clientToVault) {
		byte[] buffer = new byte[16 * 1024];
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int n;
			while ((n = in.read(buffer)) > 0) {
				if (clientToVault) {
					scan(buffer, n, line);
				}
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (SocketException ex) {
			// one side closed: close the other
		}
		catch (IOException ex) {
			// same
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	// A request line ends with " HTTP/1.1\r\n"; a body may run straight into the next one, so match at the
	// end of each line rather than at its start.
	private void scan(byte[] buffer, int n, ByteArrayOutputStream line) {
		for (int i = 0; i < n; i++) {
			byte b = buffer[i];
			if (b == '\n') {
				Matcher m = REQUEST_LINE.matcher(line.toString(StandardCharsets.ISO_8859_1));
				if (m.find()) {
					this.seen.add(new Seen(System.nanoTime(), m.group(1) + " " + m.group(2)));
				}
				line.reset();
			}
			else {
				if (line.size() >= 8192) {
					line.reset(); // a long body: only its tail can hold the next request line
				}
				line.write(b);
			}
		}
	}

	private void closeOpenConnections() {
		for (Socket s : this.open) {
			closeQuietly(s);
		}
	}

	private void closeQuietly(Socket socket) {
		this.open.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing left to do
		}
	}

}
