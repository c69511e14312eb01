package io.github.vaultk8s.auth.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.github.vaultk8s.auth.support.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServiceAccountTokenFileTests {

	@TempDir
	Path directory;

	@Test
	void readsTheFileOnEveryCallAndTrimsIt() throws Exception {
		Path file = this.directory.resolve("token");
		ServiceAccountTokenFile tokenFile = new ServiceAccountTokenFile(file);
		Files.writeString(file, "first.jwt.value\n");
		assertThat(tokenFile.get()).isEqualTo("first.jwt.value");
		Files.writeString(file, "  second.jwt.value \n");
		assertThat(tokenFile.get()).isEqualTo("second.jwt.value");
	}

	@Test
	void missingFileFailsTheReadNotTheConstruction() throws Exception {
		Path file = this.directory.resolve("absent");
		ServiceAccountTokenFile tokenFile = new ServiceAccountTokenFile(file);
		assertThatExceptionOfType(ServiceAccountTokenException.class).isThrownBy(tokenFile::get)
			.withMessageContaining(file.toString())
			.withMessageContaining("does not exist");
		Files.writeString(file, "now.it.exists");
		assertThat(tokenFile.get()).isEqualTo("now.it.exists");
	}

	@Test
	void emptyFileIsAnError() throws Exception {
		Path file = Files.writeString(this.directory.resolve("token"), " \n");
		assertThatExceptionOfType(ServiceAccountTokenException.class)
			.isThrownBy(() -> new ServiceAccountTokenFile(file).get())
			.withMessageContaining("is empty");
	}

	@Test
	void unreadableFileIsAnErrorNamingThePath() {
		ServiceAccountTokenFile tokenFile = new ServiceAccountTokenFile(this.directory);
		assertThatExceptionOfType(ServiceAccountTokenException.class).isThrownBy(tokenFile::get)
			.withMessageContaining(this.directory.toString())
			.withMessageContaining("cannot be read");
	}

	@Test
	void parsesProjectedTokenClaims() throws Exception {
		Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
		Path file = Files.writeString(this.directory.resolve("token"),
				Jwts.serviceAccountToken("default", "testapp", expiry));
		ServiceAccountTokenClaims claims = new ServiceAccountTokenFile(file).readClaims();
		assertThat(claims.namespace()).isEqualTo("default");
		assertThat(claims.serviceAccountName()).isEqualTo("testapp");
		assertThat(claims.expiresAt()).isEqualTo(expiry);
	}

	@Test
	void notAJwtIsAnErrorWithoutTheTokenInTheMessage() {
		assertThatExceptionOfType(ServiceAccountTokenException.class)
			.isThrownBy(() -> ServiceAccountTokenClaims.parse("not-a-jwt-secret", "/some/path"))
			.withMessageContaining("/some/path")
			.withMessageNotContaining("not-a-jwt-secret");
		assertThatExceptionOfType(ServiceAccountTokenException.class)
			.isThrownBy(() -> ServiceAccountTokenClaims.parse("a.@@@.c", "/some/path"))
			.withMessageContaining("unreadable payload");
	}

}
