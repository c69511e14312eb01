package io.github.vaultk8s.testapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.vaultk8s.test.EmbeddedVault;

/**
 * One Vault stand-in for every Spring Boot test of this module, so that they share one application
 * context (the context cache keys on the Vault URI). Started on first use, closed when the JVM exits.
 */
final class SharedEmbeddedVault {

	private static final Path TOKEN_FILE;

	private static final EmbeddedVault VAULT;

	static {
		try {
			TOKEN_FILE = Files.createTempDirectory("testapp-sa-").resolve("token");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		VAULT = EmbeddedVault.builder().serviceAccountTokenFile(TOKEN_FILE).start();
		Runtime.getRuntime().addShutdownHook(new Thread(VAULT::close, "shared-embedded-vault-shutdown"));
	}

	private SharedEmbeddedVault() {
	}

	static EmbeddedVault get() {
		return VAULT;
	}

	static Path serviceAccountTokenFile() {
		return TOKEN_FILE;
	}

}
