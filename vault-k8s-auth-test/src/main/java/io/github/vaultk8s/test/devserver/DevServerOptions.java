package io.github.vaultk8s.test.devserver;

import java.nio.file.Path;
import java.time.Duration;

import io.github.vaultk8s.test.EmbeddedVault;
import io.github.vaultk8s.test.time.GoDuration;

/**
 * The command line of {@link VaultDevServer}.
 *
 * @param host the address to listen on
 * @param port the port, 0 for a free one
 * @param rootToken the root token
 * @param serviceAccountTokenFile where to write the {@code default/testapp} JWT, or {@code null}
 * @param tokenTtl the {@code testapp} role's token TTL
 * @param tokenMaxTtl the {@code testapp} role's token max TTL
 * @param tls whether to serve HTTPS with a fresh self-signed CA
 * @param help whether only the usage was asked for
 */
public record DevServerOptions(String host, int port, String rootToken, Path serviceAccountTokenFile,
		Duration tokenTtl, Duration tokenMaxTtl, boolean tls, boolean help) {

	static final String USAGE = """
			Usage: java -jar vault-dev-server.jar [options]

			A Vault stand-in in dev mode: KV v2 at secret/, Kubernetes auth with role "testapp"
			(service account default/testapp, audience "vault", policy "testapp-kv-crud").

			Options:
			  --listen=HOST:PORT       address to listen on (default 127.0.0.1:8200; port 0 = any free port)
			  --root-token=TOKEN       the root token (default root)
			  --sa-token-file=PATH     write a service-account JWT for default/testapp there
			  --token-ttl=DURATION     token TTL of role testapp (default 1h; 30s, 10m, 1h or ISO-8601 PT1H)
			  --token-max-ttl=DURATION token max TTL of role testapp (default 24h)
			  --tls                    serve HTTPS; the CA certificate is written to a temp file
			  --help                   show this help
			""";

	/**
	 * Parses the arguments.
	 * @throws IllegalArgumentException with the reason when an argument is unknown or malformed
	 */
	public static DevServerOptions parse(String... args) {
		String host = "127.0.0.1";
		int port = 8200;
		String rootToken = "root";
		Path tokenFile = null;
		Duration ttl = Duration.ofHours(1);
		Duration maxTtl = Duration.ofHours(24);
		boolean tls = false;
		boolean help = false;
		for (String arg : args) {
			String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
			switch (name) {
				case "--listen" -> {
					String listen = required(name, value);
					int colon = listen.lastIndexOf(':');
					if (colon < 0) {
						throw new IllegalArgumentException("--listen needs HOST:PORT, got \"" + listen + "\"");
					}
					String listenHost = listen.substring(0, colon);
					if (listenHost.startsWith("[") && listenHost.endsWith("]")) {
						listenHost = listenHost.substring(1, listenHost.length() - 1);
					}
					host = listenHost.isEmpty() ? "0.0.0.0" : listenHost;
					port = parsePort(listen.substring(colon + 1));
				}
				case "--root-token" -> rootToken = required(name, value);
				case "--sa-token-file" -> tokenFile = Path.of(required(name, value));
				case "--token-ttl" -> ttl = parseDuration(name, required(name, value));
				case "--token-max-ttl" -> maxTtl = parseDuration(name, required(name, value));
				case "--tls" -> tls = flag(name, value);
				case "--help", "-h" -> help = true;
				default -> throw new IllegalArgumentException("unknown option " + name);
			}
		}
		if (ttl.compareTo(maxTtl) > 0) {
			throw new IllegalArgumentException("--token-ttl must not be greater than --token-max-ttl");
		}
		return new DevServerOptions(host, port, rootToken, tokenFile, ttl, maxTtl, tls, help);
	}

	/** The stand-in these options describe, not yet started. */
	public EmbeddedVault.Builder toBuilder() {
		return EmbeddedVault.builder()
			.host(this.host)
			.port(this.port)
			.rootToken(this.rootToken)
			.serviceAccountTokenFile(this.serviceAccountTokenFile)
			.tokenTtl(this.tokenTtl)
			.tokenMaxTtl(this.tokenMaxTtl)
			.tls(this.tls);
	}

	private static String required(String name, String value) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " needs a value: " + name + "=...");
		}
		return value;
	}

	private static boolean flag(String name, String value) {
		if (value == null || value.equals("true")) {
			return true;
		}
		if (value.equals("false")) {
			return false;
		}
		throw new IllegalArgumentException(name + " takes no value");
	}

	private static int parsePort(String text) {
		try {
			int port = Integer.parseInt(text);
			if (port >= 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// below
		}
		throw new IllegalArgumentException("invalid port \"" + text + "\"");
	}

	private static Duration parseDuration(String name, String text) {
		Duration duration;
		try {
			duration = GoDuration.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(name + ": " + ex.getMessage());
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return duration;
	}

}
