package io.github.vaultk8s.auth.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.vaultk8s.auth.support.FakeVaultHttp;
import io.github.vaultk8s.auth.support.Jwts;
import io.github.vaultk8s.auth.token.ServiceAccountTokenException;
import io.github.vaultk8s.auth.token.ServiceAccountTokenFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.vault.authentication.LoginToken;
import org.springframework.vault.support.VaultToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class KubernetesLoginTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@TempDir
	Path directory;

	private final FakeVaultHttp vault = new FakeVaultHttp();

	@Test
	void sendsTheCurrentJwtOfTheFileOnEveryLogin() throws Exception {
		Path file = this.directory.resolve("token");
		KubernetesLogin login = login(file, "testapp");
		this.vault.handler((call) -> FakeVaultHttp.auth("hvs.one", 60, true));
		String first = Jwts.serviceAccountToken("default", "testapp", NOW.plusSeconds(3600));
		Files.writeString(file, first + "\n");
		VaultToken token = login.login();
		assertThat(token).isInstanceOf(LoginToken.class);
		assertThat(((LoginToken) token).getLeaseDuration()).isEqualTo(Duration.ofSeconds(60));
		String second = Jwts.serviceAccountToken("default", "testapp", NOW.plusSeconds(7200));
		Files.writeString(file, second);
		login.login();
		assertThat(this.vault.calls()).hasSize(2);
		assertThat(this.vault.calls().get(0).path()).isEqualTo("/v1/auth/kubernetes/login");
		assertThat(this.vault.calls().get(0).body()).contains("\"jwt\":\"" + first + "\"")
			.contains("\"role\":\"testapp\"");
		assertThat(this.vault.calls().get(1).body()).contains("\"jwt\":\"" + second + "\"");
	}

	@Test
	void missingFileFailsTheLoginWithThePath() {
		Path file = this.directory.resolve("missing");
		assertThatExceptionOfType(ServiceAccountTokenException.class).isThrownBy(() -> login(file, "testapp").login())
			.withMessageContaining(file.toString());
		assertThat(this.vault.calls()).isEmpty();
	}

	@Test
	void withoutRoleUsesTheServiceAccountNameAndSaysSoOnce(CapturedOutput output) throws Exception {
		Path file = Files.writeString(this.directory.resolve("token"),
				Jwts.serviceAccountToken("payments", "billing", NOW.plusSeconds(3600)));
		KubernetesLogin login = login(file, null);
		this.vault.handler((call) -> FakeVaultHttp.auth("hvs.one", 60, true));
		login.login();
		login.login();
		assertThat(this.vault.calls()).allSatisfy((call) -> assertThat(call.body()).contains("\"role\":\"billing\""));
		assertThat(output.getAll().split("as the role", -1)).hasSize(2);
	}

	@Test
	void expiredJwtIsRefusedBeforeItIsSent() throws Exception {
		Path file = Files.writeString(this.directory.resolve("token"),
				Jwts.serviceAccountToken("default", "testapp", NOW.minusSeconds(120)));
		assertThatExceptionOfType(ServiceAccountTokenException.class).isThrownBy(() -> login(file, "testapp").login())
			.withMessageContaining("expired");
		assertThat(this.vault.calls()).isEmpty();
	}

	@Test
	void refusedLoginNamesVaultsReasonButNeverTheJwt() throws Exception {
		String jwt = Jwts.serviceAccountToken("default", "intruder", NOW.plusSeconds(3600));
		Path file = Files.writeString(this.directory.resolve("token"), jwt);
		this.vault.handler((call) -> FakeVaultHttp.respond(org.springframework.http.HttpStatus.FORBIDDEN,
				"{\"errors\":[\"service account name not authorized\"]}"));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> login(file, "testapp").login())
			.withMessageContaining("service account name not authorized")
			.withMessageNotContaining(jwt);
	}

	private KubernetesLogin login(Path file, String role) {
		return new KubernetesLogin("kubernetes", role, new ServiceAccountTokenFile(file), this.vault.restTemplate(),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

}
