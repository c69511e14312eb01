package io.github.vaultk8s.testapp.secret;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.vaultk8s.auth.session.VaultSessionUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.VaultLoginException;
import org.springframework.vault.client.VaultResponses;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

class VaultErrorTranslatorTests {

	private static final SecretName NAME = SecretName.of("team/db");

	@Test
	void casMismatchIsAVersionMismatch() {
		RuntimeException translated = translate(vaultError(HttpStatus.BAD_REQUEST,
				"{\"errors\":[\"check-and-set parameter did not match the current version\"]}"));
		assertThat(translated).isInstanceOf(SecretVersionMismatchException.class).hasMessageContaining("team/db");
	}

	@Test
	void policyDenialIsAccessDenied() {
		RuntimeException translated = translate(
				vaultError(HttpStatus.FORBIDDEN, "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}"));
		assertThat(translated).isInstanceOf(VaultAccessDeniedException.class);
	}

	@Test
	void notFoundIsSecretNotFound() {
		assertThat(translate(vaultError(HttpStatus.NOT_FOUND, "{\"errors\":[]}")))
			.isInstanceOf(SecretNotFoundException.class);
	}

	@Test
	void sealedStandbyAndServerErrorsAreUnavailable() {
		assertThat(translate(vaultError(HttpStatus.SERVICE_UNAVAILABLE, "{\"errors\":[\"Vault is sealed\"]}")))
			.isInstanceOf(VaultUnavailableException.class)
			.hasMessage("Vault is sealed.");
		assertThat(translate(vaultError(HttpStatus.TOO_MANY_REQUESTS, "{\"errors\":[]}")))
			.isInstanceOf(VaultUnavailableException.class);
		assertThat(translate(vaultError(HttpStatus.INTERNAL_SERVER_ERROR, "{\"errors\":[\"internal error\"]}")))
			.isInstanceOf(VaultUnavailableException.class);
	}

	@Test
	void otherErrorsKeepVaultsStatusAndMessage() {
		RuntimeException translated = translate(vaultError(HttpStatus.BAD_REQUEST, "{\"errors\":[\"no data provided\"]}"));
		assertThat(translated).isInstanceOf(VaultRejectedRequestException.class)
			.hasMessage("Vault refused the request: no data provided");
		assertThat(((VaultRejectedRequestException) translated).getStatus()).isEqualTo(400);
		RuntimeException notJson = translate(vaultError(HttpStatus.I_AM_A_TEAPOT, "<html>"));
		assertThat(((VaultRejectedRequestException) notJson).getStatus()).isEqualTo(418);
	}

	@Test
	void unreachableAndFailedLoginAreUnavailable() {
		assertThat(translate(new ResourceAccessException("Connection refused")))
			.isInstanceOf(VaultUnavailableException.class)
			.hasMessage("Vault is unreachable.");
		assertThat(translate(new VaultLoginException("Cannot login using Kubernetes")))
			.isInstanceOf(VaultUnavailableException.class);
	}

	@Test
	void starterSessionUnavailableCarriesItsRetryHint() {
		RuntimeException translated = translate(
				new VaultSessionUnavailableException("No Vault session", Duration.ofSeconds(12)));
		assertThat(translated).isInstanceOf(VaultUnavailableException.class);
		assertThat(((VaultUnavailableException) translated).getRetryAfter()).isEqualTo(Duration.ofSeconds(12));
	}

	@Test
	void unrelatedExceptionsPassThrough() {
		IllegalStateException bug = new IllegalStateException("bug");
		assertThat(translate(bug)).isSameAs(bug);
	}

	private static RuntimeException translate(RuntimeException ex) {
		return VaultErrorTranslator.translate(ex, NAME);
	}

	// What Spring Vault throws for a Vault error answer: a VaultException caused by the HTTP client's.
	private static VaultException vaultError(HttpStatus status, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		HttpStatusCodeException http = status.is5xxServerError()
				? HttpServerErrorException.create(status, status.getReasonPhrase(), HttpHeaders.EMPTY, bytes,
						StandardCharsets.UTF_8)
				: HttpClientErrorException.create(status, status.getReasonPhrase(), HttpHeaders.EMPTY, bytes,
						StandardCharsets.UTF_8);
		return VaultResponses.buildException(http, "secret/data/testapp/team/db");
	}

}
