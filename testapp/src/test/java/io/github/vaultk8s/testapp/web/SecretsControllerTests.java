package io.github.vaultk8s.testapp.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.vaultk8s.testapp.secret.SecretFolder;
import io.github.vaultk8s.testapp.secret.SecretHistory;
import io.github.vaultk8s.testapp.secret.SecretName;
import io.github.vaultk8s.testapp.secret.SecretNotFoundException;
import io.github.vaultk8s.testapp.secret.SecretValue;
import io.github.vaultk8s.testapp.secret.SecretVersionGoneException;
import io.github.vaultk8s.testapp.secret.SecretVersionMismatchException;
import io.github.vaultk8s.testapp.secret.SecretsService;
import io.github.vaultk8s.testapp.secret.VaultAccessDeniedException;
import io.github.vaultk8s.testapp.secret.VaultRejectedRequestException;
import io.github.vaultk8s.testapp.secret.VaultUnavailableException;
import io.github.vaultk8s.testapp.secret.WriteCondition;
import io.github.vaultk8s.testapp.secret.WrittenVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verifyNoInteractions;

@WebMvcTest(SecretsController.class)
@Import(JsonBodyReader.class)
class SecretsControllerTests {

	private static final Instant CREATED = Instant.parse("2026-12-04T15:00:00.123456789Z");

	private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private SecretsService secrets;

	@Test
	void putNewSecretAnswers201WithLocationAndETag() {
		SecretName name = SecretName.of("team/db");
		given(this.secrets.write(eq(name), eq(Map.of("password", "s3cr3t")), eq(WriteCondition.none())))
			.willReturn(new WrittenVersion(name, 1, CREATED));
		MvcTestResult result = this.mvc.put()
			.uri("/secrets/team/db")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"password\":\"s3cr3t\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "http://localhost/secrets/team/db")
			.hasHeader("ETag", "\"1\"")
			.hasHeader("Cache-Control", "no-store");
		assertThat(result).bodyJson().extractingPath("$.version").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("team/db");
		assertThat(result).bodyJson().extractingPath("$.createdTime").isEqualTo("2026-12-04T15:00:00.123456789Z");
	}

	@Test
	void putExistingSecretAnswers200() {
		SecretName name = SecretName.of("db");
		given(this.secrets.write(eq(name), any(), any())).willReturn(new WrittenVersion(name, 4, CREATED));
		assertThat(this.mvc.put().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON).content("{\"a\":1}"))
			.hasStatus(HttpStatus.OK)
			.hasHeader("ETag", "\"4\"")
			.doesNotContainHeader("Location");
	}

	@Test
	void ifMatchBecomesCheckAndSetAndIfNoneMatchStarCreateOnly() {
		SecretName name = SecretName.of("db");
		given(this.secrets.write(eq(name), any(), any())).willReturn(new WrittenVersion(name, 4, CREATED));
		this.mvc.put().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"3\"")
			.content("{}").exchange();
		then(this.secrets).should().write(name, Map.of(), WriteCondition.currentVersion(3));
		this.mvc.put().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON).header("If-None-Match", "*")
			.content("{}").exchange();
		then(this.secrets).should().write(name, Map.of(), WriteCondition.absent());
		this.mvc.put().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON).header("If-Match", "*")
			.content("{}").exchange();
		then(this.secrets).should().write(name, Map.of(), WriteCondition.present());
	}

	@Test
	void casMismatchIs412Problem() {
		given(this.secrets.write(any(), any(), any()))
			.willThrow(new SecretVersionMismatchException(SecretName.of("db"), "Not at the expected version."));
		MvcTestResult result = this.mvc.put().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON)
			.header("If-Match", "\"3\"").content("{}").exchange();
		assertThat(result).hasStatus(HttpStatus.PRECONDITION_FAILED).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(412);
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("Not at the expected version.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "W/\"3\"", "\"3\", \"4\"", "\"abc\"", "\"0\"", "\"-1\"", "\"99999999999\"", "" })
	void badIfMatchIs400(String header) {
		assertThat(this.mvc.put().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON)
			.header("If-Match", header).content("{}")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(PROBLEM);
		verifyNoInteractions(this.secrets);
	}

	@Test
	void ifNoneMatchOtherThanStarOrBothHeadersIs400() {
		assertThat(this.mvc.put().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON)
			.header("If-None-Match", "\"3\"").content("{}")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.put().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON)
			.header("If-None-Match", "*").header("If-Match", "\"3\"").content("{}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		verifyNoInteractions(this.secrets);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "[]", "[1,2]", "\"text\"", "42", "null", "{", "{\"a\":1}x", "{\"a\":1,\"a\":2}",
			"{'a':1}" })
	void bodyThatIsNotOneJsonObjectIs400(String body) {
		MvcTestResult result = this.mvc.put().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON)
			.content(body).exchange();
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		verifyNoInteractions(this.secrets);
	}

	@Test
	void parseErrorsDoNotEchoTheBody() {
		MvcTestResult result = this.mvc.put().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON)
			.content("{\"password\": hunter2}").exchange();
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result).bodyText().doesNotContain("hunter2").contains("line 1, column");
	}

	@Test
	void bodyOver64KiBIs413() {
		String big = "{\"v\":\"" + "x".repeat(64 * 1024) + "\"}";
		MvcTestResult result = this.mvc.put().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON)
			.content(big).exchange();
		assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.maxBytes").isEqualTo(65536);
		verifyNoInteractions(this.secrets);
	}

	@Test
	void wrongContentTypeIs415() {
		assertThat(this.mvc.put().uri("/secrets/db").contentType(MediaType.TEXT_PLAIN).content("{}"))
			.hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(this.mvc.patch().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(this.mvc.put().uri("/secrets/db").content("{}")).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		verifyNoInteractions(this.secrets);
	}

	@ParameterizedTest
	// MockMvc collapses "//"; the empty-segment case is covered over real HTTP.
	@ValueSource(strings = { "/secrets/a/./b", "/secrets/a/../b", "/secrets/a%2Fb", "/secrets/a%20b",
			"/secrets/a;b", "/secrets/a/", "/secrets/a/b/c/d/e/f/g/h/i", "/secrets/x/versions" })
	void badNamesAre400BeforeAnyVaultCall(String path) {
		MvcTestResult result = this.mvc.put().uri(path).contentType(MediaType.APPLICATION_JSON).content("{}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		verifyNoInteractions(this.secrets);
	}

	@Test
	void patchUsesMergePatchAndIfMatch() {
		SecretName name = SecretName.of("db");
		given(this.secrets.patch(name, java.util.Collections.singletonMap("old", null), 2))
			.willReturn(new WrittenVersion(name, 3, CREATED));
		assertThat(this.mvc.patch().uri("/secrets/db").contentType("application/merge-patch+json")
			.header("If-Match", "\"2\"").content("{\"old\":null}")).hasStatus(HttpStatus.OK).hasHeader("ETag", "\"3\"");
	}

	@Test
	void getAnswersDataWithETagAndNoStore() {
		SecretName name = SecretName.of("db");
		given(this.secrets.read(name, null)).willReturn(new SecretValue(name, 2, CREATED, Map.of("user", "app")));
		MvcTestResult result = this.mvc.get().uri("/secrets/db").exchange();
		assertThat(result).hasStatus(HttpStatus.OK).hasHeader("ETag", "\"2\"").hasHeader("Cache-Control", "no-store");
		assertThat(result).bodyJson().extractingPath("$.data.user").isEqualTo("app");
		assertThat(result).bodyJson().extractingPath("$.version").isEqualTo(2);
	}

	@Test
	void getWithMatchingIfNoneMatchIs304() {
		SecretName name = SecretName.of("db");
		given(this.secrets.read(name, null)).willReturn(new SecretValue(name, 2, CREATED, Map.of("user", "app")));
		assertThat(this.mvc.get().uri("/secrets/db").header("If-None-Match", "\"2\""))
			.hasStatus(HttpStatus.NOT_MODIFIED);
	}

	@Test
	void getVersionParameter() {
		SecretName name = SecretName.of("db");
		given(this.secrets.read(name, 1)).willReturn(new SecretValue(name, 1, CREATED, Map.of()));
		assertThat(this.mvc.get().uri("/secrets/db?version=1")).hasStatus(HttpStatus.OK).hasHeader("ETag", "\"1\"");
		assertThat(this.mvc.get().uri("/secrets/db?version=0")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/secrets/db?version=abc")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(PROBLEM);
	}

	@Test
	void deletedVersionIs410SayingHowToUndelete() {
		SecretName name = SecretName.of("db");
		given(this.secrets.read(name, null)).willThrow(new SecretVersionGoneException(name, 3, false));
		MvcTestResult result = this.mvc.get().uri("/secrets/db").exchange();
		assertThat(result).hasStatus(HttpStatus.GONE).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.state").isEqualTo("deleted");
		assertThat(result).bodyJson().extractingPath("$.version").isEqualTo(3);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("/secrets/db/undelete");
	}

	@Test
	void destroyedVersionIs410SayingSo() {
		SecretName name = SecretName.of("db");
		given(this.secrets.read(name, 1)).willThrow(new SecretVersionGoneException(name, 1, true));
		MvcTestResult result = this.mvc.get().uri("/secrets/db?version=1").exchange();
		assertThat(result).hasStatus(HttpStatus.GONE);
		assertThat(result).bodyJson().extractingPath("$.state").isEqualTo("destroyed");
	}

	@Test
	void missingSecretIs404() {
		SecretName name = SecretName.of("nope");
		given(this.secrets.read(name, null)).willThrow(SecretNotFoundException.secret(name));
		assertThat(this.mvc.get().uri("/secrets/nope")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(PROBLEM);
	}

	@Test
	void versionsEndpoint() {
		SecretName name = SecretName.of("team/db");
		given(this.secrets.history(name)).willReturn(new SecretHistory(name, 2, 0, CREATED, CREATED,
				List.of(new SecretHistory.VersionState(1, CREATED, CREATED, SecretHistory.State.deleted),
						new SecretHistory.VersionState(2, CREATED, null, SecretHistory.State.active))));
		MvcTestResult result = this.mvc.get().uri("/secrets/team/db/versions").exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		assertThat(result).bodyJson().extractingPath("$.currentVersion").isEqualTo(2);
		assertThat(result).bodyJson().extractingPath("$.versions[0].state").isEqualTo("deleted");
		assertThat(result).bodyJson().extractingPath("$.versions[1].state").isEqualTo("active");
	}

	@Test
	void listMarksFolders() {
		given(this.secrets.list(null)).willReturn(new SecretFolder("", List.of("db"), List.of("team/")));
		MvcTestResult result = this.mvc.get().uri("/secrets").exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		assertThat(result).bodyJson().extractingPath("$.folders[0]").isEqualTo("team/");
		assertThat(result).bodyJson().extractingPath("$.secrets[0]").isEqualTo("db");
		assertThat(this.mvc.get().uri("/secrets?folder=../x")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void deleteVariants() {
		SecretName name = SecretName.of("db");
		assertThat(this.mvc.delete().uri("/secrets/db")).hasStatus(HttpStatus.NO_CONTENT);
		then(this.secrets).should().deleteCurrentVersion(name);
		assertThat(this.mvc.delete().uri("/secrets/db?versions=3,1")).hasStatus(HttpStatus.NO_CONTENT);
		then(this.secrets).should().deleteVersions(name, Set.of(1, 3));
		assertThat(this.mvc.delete().uri("/secrets/db?purge=true")).hasStatus(HttpStatus.NO_CONTENT);
		then(this.secrets).should().purge(name);
		assertThat(this.mvc.delete().uri("/secrets/db?purge=true&versions=1")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.delete().uri("/secrets/db?versions=1,x")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.delete().uri("/secrets/db?versions=")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.delete().uri("/secrets/db?purge=maybe")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void undeleteAndDestroy() {
		SecretName name = SecretName.of("a/b");
		assertThat(this.mvc.post().uri("/secrets/a/b/undelete").contentType(MediaType.APPLICATION_JSON)
			.content("{\"versions\":[2,1]}")).hasStatus(HttpStatus.NO_CONTENT);
		then(this.secrets).should().undeleteVersions(name, Set.of(1, 2));
		assertThat(this.mvc.post().uri("/secrets/a/b/destroy").contentType(MediaType.APPLICATION_JSON)
			.content("{\"versions\":[1]}")).hasStatus(HttpStatus.NO_CONTENT);
		then(this.secrets).should().destroyVersions(name, Set.of(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"versions\":[]}", "{\"versions\":[0]}", "{\"versions\":[\"1\"]}",
			"{\"versions\":[1.5]}", "{\"versions\":1}", "{\"versions\":[1],\"x\":1}", "{\"versions\":[1e12]}" })
	void badVersionBodiesAre400(String body) {
		assertThat(this.mvc.post().uri("/secrets/db/undelete").contentType(MediaType.APPLICATION_JSON).content(body))
			.hasStatus(HttpStatus.BAD_REQUEST);
		verifyNoInteractions(this.secrets);
	}

	@Test
	void postWithoutActionIs405() {
		assertThat(this.mvc.post().uri("/secrets/db").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.hasStatus(HttpStatus.METHOD_NOT_ALLOWED).hasContentTypeCompatibleWith(PROBLEM);
	}

	@Test
	void vaultUnavailableIs503WithRetryAfter() {
		given(this.secrets.read(any(), any())).willThrow(new VaultUnavailableException("Vault is unreachable.",
				new ResourceAccessException("Connection refused")));
		MvcTestResult result = this.mvc.get().uri("/secrets/db").exchange();
		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader("Retry-After", "5")
			.hasContentTypeCompatibleWith(PROBLEM);
	}

	@Test
	void retryAfterFollowsTheSessionHint() {
		given(this.secrets.read(any(), any())).willThrow(new VaultUnavailableException("No session.", null,
				java.time.Duration.ofMillis(12_300)));
		assertThat(this.mvc.get().uri("/secrets/db")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader("Retry-After", "13");
	}

	@Test
	void policyDenialIs403() {
		given(this.secrets.read(any(), any())).willThrow(new VaultAccessDeniedException("Denied."));
		assertThat(this.mvc.get().uri("/secrets/db")).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void vaultRejectionsMapTo400Or502() {
		given(this.secrets.read(any(), any())).willThrow(new VaultRejectedRequestException(400, "no data provided"));
		assertThat(this.mvc.get().uri("/secrets/a")).hasStatus(HttpStatus.BAD_REQUEST);
		willThrow(new VaultRejectedRequestException(418, "teapot")).given(this.secrets).read(any(), any());
		assertThat(this.mvc.get().uri("/secrets/a")).hasStatus(HttpStatus.BAD_GATEWAY);
	}

	@Test
	void unexpectedFailureIs500WithoutInternals() {
		given(this.secrets.read(any(), any())).willThrow(new IllegalStateException("internal detail s3cr3t"));
		MvcTestResult result = this.mvc.get().uri("/secrets/db").exchange();
		assertThat(result).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyText().doesNotContain("s3cr3t").doesNotContain("IllegalStateException")
			.doesNotContain("at io.github");
	}

	@Test
	void unknownPathIs404Problem() {
		assertThat(this.mvc.get().uri("/nothing-here")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(PROBLEM);
	}

}
