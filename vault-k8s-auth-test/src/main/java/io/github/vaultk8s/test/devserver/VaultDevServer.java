package io.github.vaultk8s.test.devserver;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

import io.github.vaultk8s.test.EmbeddedVault;

/**
 * {@code java -jar vault-dev-server.jar}: the stand-in as a process, for running an application against it
 * by hand or from scripts. Stops cleanly on SIGTERM / Ctrl-C.
 */
public final class VaultDevServer {

	/** Exit status for a bad command line, as Go's flag package uses. */
	static final int USAGE_ERROR = 2;

	private VaultDevServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		DevServerOptions options;
		try {
			options = DevServerOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("Error: " + ex.getMessage());
			System.err.print(DevServerOptions.USAGE);
			System.exit(USAGE_ERROR);
			return;
		}
		if (options.help()) {
			System.out.print(DevServerOptions.USAGE);
			return;
		}
		EmbeddedVault vault = start(options, System.out);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			vault.close();
			stopped.countDown();
		}, "vault-dev-server-shutdown"));
		stopped.await();
	}

	/**
	 * Starts the stand-in and prints where it listens; the first line appears once it accepts requests and
	 * the token file is written.
	 */
	static EmbeddedVault start(DevServerOptions options, PrintStream out) {
		EmbeddedVault vault = options.toBuilder().start();
		out.println("Vault dev server listening on " + vault.uri());
		out.println("Root token: " + vault.rootToken());
		if (vault.caCertificateFile() != null) {
			out.println("CA certificate file: " + vault.caCertificateFile());
		}
		if (vault.serviceAccountTokenFile() != null) {
			out.println("Service account token file: " + vault.serviceAccountTokenFile());
		}
		out.println("Kubernetes auth: role \"testapp\" for service account default/testapp, audience \"vault\"");
		out.flush();
		return vault;
	}

}
