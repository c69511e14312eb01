package io.github.vaultk8s.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.github.vaultk8s.test.server.DevState;
import io.github.vaultk8s.test.server.RequestHooks;
import io.github.vaultk8s.test.server.VaultCore;
import io.github.vaultk8s.test.server.VaultListener;
import io.github.vaultk8s.test.server.VaultRequestPipeline;
import io.github.vaultk8s.test.tls.SelfSignedTls;

/**
 * A Vault stand-in in this JVM, speaking Vault's HTTP API on a real socket: {@code sys/health} and seal,
 * ACL policies, the token store, Kubernetes auth (against its own TokenReview endpoint) and KV v2 at
 * {@code secret/}. With dev state (the default) it starts like {@code vault server -dev} plus a
 * {@code testapp} role and policy, so a client can log in with a service-account JWT right away.
 *
 * <pre>{@code
 * try (EmbeddedVault vault = EmbeddedVault.builder().serviceAccountTokenFile(tokenFile).start()) {
 *     String url = vault.uri() + "/v1/secret/data/testapp/db";
 * }
 * }</pre>
 */
public final class EmbeddedVault implements AutoCloseable {

	/** Vault's default {@code max_request_size}. */
	public static final long DEFAULT_MAX_REQUEST_SIZE = 32L * 1024 * 1024;

	private final Builder settings;

	private final SelfSignedTls tls;

	private final Path caCertificateFile;

	private final Faults faults;

	private final RequestLog requests = new RequestLog();

	private final VaultListener listener;

	private volatile VaultCore core;

	private boolean seeded;

	private EmbeddedVault(Builder settings) {
		this.settings = settings;
		this.tls = settings.tls ? SelfSignedTls.generate() : null;
		this.caCertificateFile = (this.tls != null) ? writeCaFile(this.tls.caPem()) : null;
		this.faults = new Faults(() -> this.core.seal());
		this.core = new VaultCore(settings.clock, settings.rootToken);
		VaultRequestPipeline pipeline = new VaultRequestPipeline(() -> this.core, new Hooks(),
				settings.maxRequestSize);
		this.listener = new VaultListener(settings.host, settings.port,
				(this.tls != null) ? this.tls.serverContext() : null, pipeline);
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts listening (again, on the same port after {@link #stop()}). Dev state is seeded at the first
	 * start, once the port is known.
	 */
	public synchronized EmbeddedVault start() {
		this.listener.start();
		if (!this.seeded) {
			seed(this.core);
			this.seeded = true;
		}
		return this;
	}

	/** Stops listening (clients get connection refused) and keeps all state. */
	public synchronized void stop() {
		this.listener.stop();
	}

	/**
	 * Stops and starts again on the same port. Without state the stand-in comes back as a fresh dev server:
	 * every token issued before is dead, every secret gone.
	 */
	public synchronized void restart(boolean keepState) {
		this.listener.stop();
		if (!keepState) {
			VaultCore old = this.core;
			this.core = new VaultCore(this.settings.clock, this.settings.rootToken);
			old.tokens().revokeAll();
			this.seeded = false;
		}
		start();
	}

	@Override
	public synchronized void close() {
		this.listener.stop();
		if (this.caCertificateFile != null) {
			try {
				Files.deleteIfExists(this.caCertificateFile);
			}
			catch (IOException ex) {
				// A temp file left behind is harmless.
			}
		}
	}

	/** {@code http(s)://host:port}, without {@code /v1}. */
	public URI uri() {
		String scheme = (this.tls != null) ? "https" : "http";
		return URI.create(scheme + "://" + hostForUri() + ":" + port());
	}

	public int port() {
		return this.listener.port();
	}

	public String rootToken() {
		return this.settings.rootToken;
	}

	/** The unseal key of the current state (base64), for {@code PUT /v1/sys/unseal}. */
	public String unsealKey() {
		return this.core.seal().unsealKey();
	}

	/** The PEM CA certificate when TLS is on, else {@code null}. */
	public Path caCertificateFile() {
		return this.caCertificateFile;
	}

	/** The CA certificate in PEM when TLS is on, else {@code null}. */
	public String caCertificatePem() {
		return (this.tls != null) ? this.tls.caPem() : null;
	}

	/** The base URL of the stand-in's own TokenReview endpoint: this same server. */
	public String kubernetesHost() {
		return uri().toString();
	}

	/** The service-account token file the dev state writes, or {@code null} when none was configured. */
	public Path serviceAccountTokenFile() {
		return this.settings.serviceAccountTokenFile;
	}

	/** Mints a projected service-account JWT this stand-in's TokenReview accepts. */
	public String mintServiceAccountToken(String namespace, String serviceAccount, String audience, Duration ttl) {
		return this.core.serviceAccountTokens().mint(namespace, serviceAccount, audience, ttl);
	}

	/**
	 * Writes a fresh JWT for {@code default/testapp}, audience {@code vault}, to the service-account token
	 * file (atomically, as the kubelet does).
	 * @throws IllegalStateException when no token file was configured
	 */
	public Path rotateServiceAccountToken() {
		Path file = this.settings.serviceAccountTokenFile;
		if (file == null) {
			throw new IllegalStateException("No service-account token file configured");
		}
		writeAtomically(file, mintServiceAccountToken(DevState.NAMESPACE, DevState.SERVICE_ACCOUNT, DevState.AUDIENCE,
				DevState.SERVICE_ACCOUNT_TOKEN_TTL));
		return file;
	}

	public Faults faults() {
		return this.faults;
	}

	public RequestLog requests() {
		return this.requests;
	}

	/** The stores behind the API, for tests that set up state without HTTP. */
	public VaultCore core() {
		return this.core;
	}

	private void seed(VaultCore core) {
		if (!this.settings.devState) {
			return;
		}
		new DevState(this.settings.tokenTtl, this.settings.tokenMaxTtl, caCertificatePem()).apply(core,
				kubernetesHost());
		if (this.settings.serviceAccountTokenFile != null) {
			rotateServiceAccountToken();
		}
	}

	private String hostForUri() {
		String host = this.settings.host;
		if (host.equals("0.0.0.0")) {
			return "127.0.0.1";
		}
		return host.contains(":") ? "[" + host + "]" : host;
	}

	private static Path writeCaFile(String pem) {
		try {
			Path file = Files.createTempFile("embedded-vault-ca-", ".pem");
			file.toFile().deleteOnExit();
			Files.writeString(file, pem, StandardCharsets.US_ASCII);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the CA certificate", ex);
		}
	}

	private static void writeAtomically(Path file, String content) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			Path temp = Files.createTempFile(parent, ".token-", ".tmp");
			Files.writeString(temp, content, StandardCharsets.US_ASCII);
			try {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException notAtomic) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the service-account token file", ex);
		}
	}

	/** Bridges the pipeline to this instance's request log and faults. */
	private final class Hooks implements RequestHooks {

		@Override
		public void received(String method, String path) {
			EmbeddedVault.this.requests.record(method, path);
		}

		@Override
		public Duration latency() {
			return EmbeddedVault.this.faults.currentLatency();
		}

		@Override
		public int takeInjectedFailure() {
			return EmbeddedVault.this.faults.takeFailure();
		}

	}

	/**
	 * Settings of an {@link EmbeddedVault}; every one has the dev-server default.
	 */
	public static final class Builder {

		private String host = "127.0.0.1";

		private int port;

		private String rootToken = "root";

		private boolean tls;

		private Duration tokenTtl = Duration.ofHours(1);

		private Duration tokenMaxTtl = Duration.ofHours(24);

		private Path serviceAccountTokenFile;

		private boolean devState = true;

		private long maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/** Default {@code 127.0.0.1}. */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/** Default 0: a free port, kept across stop and start. */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be 0..65535");
			}
			this.port = port;
			return this;
		}

		/** Default {@code root}. */
		public Builder rootToken(String rootToken) {
			if (rootToken == null || rootToken.isBlank()) {
				throw new IllegalArgumentException("rootToken must not be blank");
			}
			this.rootToken = rootToken;
			return this;
		}

		/** Default off; when on, a fresh CA signs a certificate for localhost and 127.0.0.1. */
		public Builder tls(boolean tls) {
			this.tls = tls;
			return this;
		}

		/** The {@code testapp} role's {@code token_ttl} in dev state; default 1h. */
		public Builder tokenTtl(Duration tokenTtl) {
			this.tokenTtl = positive(tokenTtl, "tokenTtl");
			return this;
		}

		/** The {@code testapp} role's {@code token_max_ttl} in dev state; default 24h. */
		public Builder tokenMaxTtl(Duration tokenMaxTtl) {
			this.tokenMaxTtl = positive(tokenMaxTtl, "tokenMaxTtl");
			return this;
		}

		/** Where dev state writes a JWT for {@code default/testapp}, audience {@code vault}. */
		public Builder serviceAccountTokenFile(Path serviceAccountTokenFile) {
			this.serviceAccountTokenFile = serviceAccountTokenFile;
			return this;
		}

		/** Default on: KV v2 at {@code secret/}, Kubernetes auth, the {@code testapp} role and policy. */
		public Builder devState(boolean devState) {
			this.devState = devState;
			return this;
		}

		/** Vault's {@code max_request_size}; default 32 MiB. */
		public Builder maxRequestSize(long maxRequestSize) {
			if (maxRequestSize < 1 || maxRequestSize > Integer.MAX_VALUE - 16) {
				throw new IllegalArgumentException("maxRequestSize must be between 1 byte and 2 GiB");
			}
			this.maxRequestSize = maxRequestSize;
			return this;
		}

		/** The clock for TTLs and timestamps; default the system UTC clock. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		public EmbeddedVault build() {
			if (this.tokenTtl.compareTo(this.tokenMaxTtl) > 0) {
				throw new IllegalArgumentException("tokenTtl must not be greater than tokenMaxTtl");
			}
			return new EmbeddedVault(copy());
		}

		/** {@code build().start()}. */
		public EmbeddedVault start() {
			return build().start();
		}

		private Builder copy() {
			Builder copy = new Builder();
			copy.host = this.host;
			copy.port = this.port;
			copy.rootToken = this.rootToken;
			copy.tls = this.tls;
			copy.tokenTtl = this.tokenTtl;
			copy.tokenMaxTtl = this.tokenMaxTtl;
			copy.serviceAccountTokenFile = this.serviceAccountTokenFile;
			copy.devState = this.devState;
			copy.maxRequestSize = this.maxRequestSize;
			copy.clock = this.clock;
			return copy;
		}

		private static Duration positive(Duration duration, String name) {
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive");
			}
			return duration;
		}

	}

}
