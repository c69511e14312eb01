package io.github.vaultk8s.test.kubernetes;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.vaultk8s.test.http.RequestFields;
import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.tls.PemCertificates;

/**
 * The stored {@code auth/kubernetes/config}. A write replaces it whole (absent fields take their
 * defaults), as in Vault; {@code disable_iss_validation} defaults to true, so {@code issuer} is only
 * checked when a client turns that off explicitly.
 *
 * @param host {@code kubernetes_host}
 * @param caCert {@code kubernetes_ca_cert} ("" for the system trust store)
 * @param tokenReviewerJwt {@code token_reviewer_jwt} ("" to use the client's own JWT)
 * @param pemKeys {@code pem_keys} as given
 * @param publicKeys the keys parsed from {@code pem_keys}
 * @param issuer {@code issuer}
 * @param disableIssValidation {@code disable_iss_validation}
 * @param disableLocalCaJwt {@code disable_local_ca_jwt}
 * @param useAnnotationsAsAliasMetadata {@code use_annotations_as_alias_metadata}
 * @param tokenReview the TokenReview client for this host and CA
 */
record KubernetesAuthConfig(String host, String caCert, String tokenReviewerJwt, List<String> pemKeys,
		List<PublicKey> publicKeys, String issuer, boolean disableIssValidation, boolean disableLocalCaJwt,
		boolean useAnnotationsAsAliasMetadata, TokenReviewClient tokenReview) {

	/**
	 * Reads a config write, in Vault's order of checks.
	 * @param previous the stored config, whose TokenReview client is kept when host and CA are unchanged
	 * (each JDK client holds a selector thread until it is collected)
	 */
	static KubernetesAuthConfig from(RequestFields fields, KubernetesAuthConfig previous) {
		// Every field is converted first, as Vault's framework validates all fields before the handler runs.
		String host = fields.stringOrEmpty("kubernetes_host");
		String caCert = fields.stringOrEmpty("kubernetes_ca_cert");
		String tokenReviewerJwt = fields.stringOrEmpty("token_reviewer_jwt");
		List<String> pemKeys = fields.commaStrings("pem_keys").orElse(List.of());
		String issuer = fields.stringOrEmpty("issuer");
		boolean disableIssValidation = fields.optionalBool("disable_iss_validation").orElse(true);
		boolean disableLocalCaJwt = fields.optionalBool("disable_local_ca_jwt").orElse(false);
		boolean useAnnotations = fields.optionalBool("use_annotations_as_alias_metadata").orElse(false);

		if (host.isEmpty()) {
			throw VaultApiError.badRequest("no host provided");
		}
		if (!caCert.isEmpty() && !PemCertificates.containsPemBlock(caCert)) {
			throw VaultApiError.badRequest("The provided CA PEM data contains no valid certificates");
		}
		List<PublicKey> publicKeys = new ArrayList<>();
		for (String pem : pemKeys) {
			try {
				publicKeys.add(PublicKeyPem.parse(pem));
			}
			catch (IllegalArgumentException ex) {
				throw VaultApiError.badRequest(ex.getMessage());
			}
		}
		boolean sameEndpoint = previous != null && previous.host.equals(host) && previous.caCert.equals(caCert);
		TokenReviewClient tokenReview = sameEndpoint ? previous.tokenReview : new TokenReviewClient(host, caCert);
		return new KubernetesAuthConfig(host, caCert, tokenReviewerJwt, List.copyOf(pemKeys),
				List.copyOf(publicKeys), issuer, disableIssValidation, disableLocalCaJwt, useAnnotations, tokenReview);
	}

	/** The read answer: every field but the reviewer JWT, which is only reported as set or not. */
	Map<String, Object> toResponse() {
		Map<String, Object> data = new TreeMap<>();
		data.put("kubernetes_host", this.host);
		data.put("kubernetes_ca_cert", this.caCert);
		data.put("pem_keys", this.pemKeys);
		data.put("issuer", this.issuer);
		data.put("disable_iss_validation", this.disableIssValidation);
		data.put("disable_local_ca_jwt", this.disableLocalCaJwt);
		data.put("token_reviewer_jwt_set", !this.tokenReviewerJwt.isEmpty());
		data.put("use_annotations_as_alias_metadata", this.useAnnotationsAsAliasMetadata);
		return data;
	}

	@Override
	public String toString() {
		// Keeps the reviewer JWT out of any log line or message that prints the config.
		return "KubernetesAuthConfig[host=" + this.host + ", tokenReviewerJwtSet=" + !this.tokenReviewerJwt.isEmpty()
				+ "]";
	}

}
