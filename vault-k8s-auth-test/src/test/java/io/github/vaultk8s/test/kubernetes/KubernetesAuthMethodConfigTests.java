package io.github.vaultk8s.test.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.vaultk8s.test.tls.SelfSignedTls;
import org.junit.jupiter.api.Test;

import static io.github.vaultk8s.test.kubernetes.KubernetesAuthMethodLoginTests.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auth/kubernetes/config} of {@link KubernetesAuthMethod}: checks, defaults, and a read that
 * never gives the reviewer JWT back.
 */
class KubernetesAuthMethodConfigTests {

	private final KubernetesAuthMethod auth = new KubernetesAuthMethod((request) -> Map.of(), Clock.systemUTC());

	private final ServiceAccountTokens tokens = new ServiceAccountTokens(Clock.systemUTC(), TestKeys.CLUSTER);

	@Test
	void nothingIsReadBeforeAWrite() {
		assertThat(this.auth.readConfig()).isEmpty();
	}

	@Test
	void minimalConfigReadsBackWithDefaults() {
		this.auth.writeConfig(Map.of("kubernetes_host", "https://kubernetes.default.svc"));
		assertThat(this.auth.readConfig()).hasValueSatisfying((config) -> assertThat(config)
			.containsOnly(Map.entry("kubernetes_host", "https://kubernetes.default.svc"),
					Map.entry("kubernetes_ca_cert", ""), Map.entry("pem_keys", List.of()), Map.entry("issuer", ""),
					Map.entry("disable_iss_validation", true), Map.entry("disable_local_ca_jwt", false),
					Map.entry("token_reviewer_jwt_set", false), Map.entry("use_annotations_as_alias_metadata", false)));
	}

	@Test
	void readReportsTheReviewerJwtAsSetWithoutGivingItBack() {
		String reviewer = this.tokens.reviewerToken();
		SelfSignedTls tls = SelfSignedTls.generate();
		Map<String, Object> body = new HashMap<>();
		body.put("kubernetes_host", "https://127.0.0.1:6443");
		body.put("kubernetes_ca_cert", tls.caPem());
		body.put("token_reviewer_jwt", reviewer);
		body.put("pem_keys", List.of(this.tokens.publicKeyPem()));
		body.put("issuer", "https://kubernetes.default.svc.cluster.local");
		body.put("disable_iss_validation", false);
		body.put("disable_local_ca_jwt", true);
		body.put("use_annotations_as_alias_metadata", true);
		this.auth.writeConfig(body);
		Map<String, Object> config = this.auth.readConfig().orElseThrow();
		assertThat(config).containsEntry("token_reviewer_jwt_set", true)
			.containsEntry("kubernetes_ca_cert", tls.caPem())
			// Vault trims every item of a comma-string list, PEM text included.
			.containsEntry("pem_keys", List.of(this.tokens.publicKeyPem().trim()))
			.containsEntry("disable_iss_validation", false)
			.containsEntry("disable_local_ca_jwt", true)
			.containsEntry("use_annotations_as_alias_metadata", true)
			.doesNotContainKey("token_reviewer_jwt");
		assertThat(config.values()).noneMatch((value) -> String.valueOf(value).contains(reviewer));
	}

	@Test
	void missingHostIsRefusedAndNothingIsStored() {
		assertRefused(() -> this.auth.writeConfig(Map.of("token_reviewer_jwt", "x")), 400, "no host provided");
		assertRefused(() -> this.auth.writeConfig(Map.of("kubernetes_host", "")), 400, "no host provided");
		assertThat(this.auth.readConfig()).isEmpty();
	}

	@Test
	void caCertWithoutPemDataIsRefused() {
		assertRefused(() -> this.auth.writeConfig(Map.of("kubernetes_host", "https://k8s", "kubernetes_ca_cert",
				"not a certificate")), 400, "The provided CA PEM data contains no valid certificates");
	}

	@Test
	void unreadablePemKeyIsRefused() {
		assertRefused(() -> this.auth.writeConfig(Map.of("kubernetes_host", "https://k8s", "pem_keys",
				List.of("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))), 400,
				"data does not contain any valid RSA or ECDSA public keys");
		assertRefused(() -> this.auth.writeConfig(Map.of("kubernetes_host", "https://k8s", "pem_keys", "garbage")), 400,
				"data does not contain any valid RSA or ECDSA public keys");
	}

	@Test
	void certificateIsAcceptedAsAPemKey() {
		this.auth.writeConfig(Map.of("kubernetes_host", "https://k8s", "pem_keys",
				List.of(SelfSignedTls.generate().caPem())));
		assertThat(this.auth.readConfig()).isPresent();
	}

	@Test
	void refusedWriteKeepsThePreviousConfig() {
		this.auth.writeConfig(Map.of("kubernetes_host", "https://first"));
		assertRefused(() -> this.auth.writeConfig(Map.of("kubernetes_host", "https://second", "kubernetes_ca_cert",
				"junk")), 400, "The provided CA PEM data contains no valid certificates");
		assertThat(this.auth.readConfig().orElseThrow()).containsEntry("kubernetes_host", "https://first");
	}

	@Test
	void writeReplacesTheWholeConfig() {
		this.auth.writeConfig(Map.of("kubernetes_host", "https://first", "token_reviewer_jwt", "jwt",
				"disable_local_ca_jwt", true));
		this.auth.writeConfig(Map.of("kubernetes_host", "https://second"));
		assertThat(this.auth.readConfig().orElseThrow()).containsEntry("kubernetes_host", "https://second")
			.containsEntry("token_reviewer_jwt_set", false)
			.containsEntry("disable_local_ca_jwt", false);
	}

	@Test
	void wronglyTypedFieldIsRefusedWithoutEchoingItsValue() {
		String secret = this.tokens.mint("kube-system", "reviewer", "vault", Duration.ofMinutes(1));
		assertRefused(() -> this.auth.writeConfig(Map.of("kubernetes_host", "https://k8s", "token_reviewer_jwt",
				List.of(secret))), 400,
				"Field validation failed: error converting input for field \"token_reviewer_jwt\": expected a string");
		assertRefused(() -> this.auth.writeConfig(Map.of("kubernetes_host", "https://k8s", "disable_local_ca_jwt",
				"sometimes")), 400,
				"Field validation failed: error converting input for field \"disable_local_ca_jwt\": "
						+ "strconv.ParseBool: invalid syntax");
	}

}
