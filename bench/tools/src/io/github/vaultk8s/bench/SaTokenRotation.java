package io.github.vaultk8s.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * R5: the service-account token file changes under the running app. To prove the next login reads the
 * file again, the file first holds a JWT Vault refuses and the app's token is revoked (so it must log in);
 * then a valid JWT is written back, and the app must recover without a restart.
 */
final class SaTokenRotation {

	private SaTokenRotation() {
	}

	static void rotate(VaultDevServer vault, Path dir) throws Exception {
		Path file = vault.tokenFile();
		String valid = Files.readString(file);
		Files.writeString(dir.resolve("sa-token.valid"), valid);
		String[] parts = valid.trim().split("\\.");
		// same header and claims, signature of another key: TokenReview refuses it
		String refused = parts[0] + "." + parts[1] + ".c2lnbmF0dXJlLW9mLWFub3RoZXIta2V5";
		Files.writeString(file, refused + "\n");
		int revoked = vault.revokeNonRootTokens();
		Bench.log("R5 wrote a refused JWT and revoked " + revoked + " token(s)");
		Thread.sleep(Duration.ofSeconds(4).toMillis());
		Files.writeString(file, valid);
	}

}
