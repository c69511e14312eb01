package io.github.vaultk8s.testapp;

import java.nio.file.Path;

import io.github.vaultk8s.test.EmbeddedVault;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's first command ({@code mvn -q -Plocal -DskipTests -pl testapp -am package}): the embedded
 * Vault stand-in on 127.0.0.1:8200 (root token {@code root}, dev state), then the app on :8080 logging in
 * through Kubernetes auth with the service-account token the stand-in writes, as in a cluster.
 * Ctrl-C stops both.
 */
public final class LocalTestappApplication {

	static final int VAULT_PORT = 8200;

	private LocalTestappApplication() {
	}

	public static void main(String[] args) {
		Path tokenFile = Path.of("target", "local", "serviceaccount", "token").toAbsolutePath();
		EmbeddedVault vault = EmbeddedVault.builder()
			.host("127.0.0.1")
			.port(VAULT_PORT)
			.rootToken("root")
			.serviceAccountTokenFile(tokenFile)
			.build();
		try {
			vault.start();
		}
		catch (RuntimeException ex) {
			System.err.println("Cannot start the Vault stand-in on 127.0.0.1:" + VAULT_PORT
					+ " (is something else listening there?): " + ex.getMessage());
			System.exit(1);
		}
		// Runs after the application context is closed, so the app can still revoke its token on the way out.
		SpringApplication.getShutdownHandlers().add(vault::close);
		ConfigurableApplicationContext context = SpringApplication.from(TestappApplication::main)
			.run(prepend(args, "--spring.cloud.vault.uri=" + vault.uri(),
					"--spring.cloud.vault.kubernetes.service-account-token-file=" + tokenFile))
			.getApplicationContext();
		printCurlExamples(context.getEnvironment().getProperty("local.server.port", "8080"));
	}

	private static String[] prepend(String[] args, String... first) {
		String[] all = new String[first.length + args.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(args, 0, all, first.length, args.length);
		return all;
	}

	private static void printCurlExamples(String port) {
		String base = "localhost:" + port;
		System.out.println("""

				testapp is up on %1$s, Vault stand-in on http://127.0.0.1:%2$d (root token: root). Try:

				  curl -i -X PUT %1$s/secrets/demo/db -H 'Content-Type: application/json' -d '{"user":"app","password":"s3cr3t"}'
				  curl -i %1$s/secrets/demo/db
				  curl -i -X PUT %1$s/secrets/demo/db -H 'Content-Type: application/json' -H 'If-Match: "1"' -d '{"user":"app","password":"rotated"}'
				  curl -i -X PATCH %1$s/secrets/demo/db -H 'Content-Type: application/merge-patch+json' -H 'If-Match: "2"' -d '{"password":null,"pool":10}'
				  curl -i '%1$s/secrets?folder=demo'
				  curl -i %1$s/secrets/demo/db/versions
				  curl -i -X DELETE %1$s/secrets/demo/db
				  curl -i %1$s/secrets/demo/db
				  curl -i -X POST %1$s/secrets/demo/db/undelete -H 'Content-Type: application/json' -d '{"versions":[3]}'
				  curl -i %1$s/actuator/health/readiness
				  Swagger UI: %1$s/swagger-ui.html   (more in testapp/README.md)

				Ctrl-C stops the app and the stand-in.
				""".formatted(base, VAULT_PORT));
	}

}
