package io.github.vaultk8s.test.contract;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * A projected service-account JWT signed with a key no Kubernetes knows. Vault's Kubernetes auth method
 * (without {@code pem_keys}) checks claims before it asks TokenReview, so such a token reaches every claim
 * check and then fails review: just what the login-order tests need, on any target, with any times.
 */
final class ForgedJwt {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final KeyPair KEY = generateKey();

	private final Map<String, Object> claims = new LinkedHashMap<>();

	private String algorithm = "RS256";

	private ForgedJwt(String namespace, String serviceAccount) {
		Instant now = Instant.now();
		this.claims.put("aud", List.of(VaultContract.AUDIENCE));
		this.claims.put("exp", now.plusSeconds(600).getEpochSecond());
		this.claims.put("iat", now.getEpochSecond());
		this.claims.put("nbf", now.getEpochSecond());
		this.claims.put("iss", "https://kubernetes.default.svc.cluster.local");
		this.claims.put("sub", "system:serviceaccount:" + namespace + ":" + serviceAccount);
		this.claims.put("kubernetes.io", Map.of("namespace", namespace, "serviceaccount",
				Map.of("name", serviceAccount, "uid", UUID.randomUUID().toString())));
	}

	/** Valid-looking claims for {@code namespace/serviceAccount}, audience {@code vault}, ten minutes. */
	static ForgedJwt forServiceAccount(String namespace, String serviceAccount) {
		return new ForgedJwt(namespace, serviceAccount);
	}

	ForgedJwt claim(String name, Object value) {
		this.claims.put(name, value);
		return this;
	}

	/** Sets a time claim ({@code exp}, {@code nbf}, {@code iat}) relative to now, in seconds. */
	ForgedJwt secondsFromNow(String claim, long seconds) {
		return claim(claim, Instant.now().plusSeconds(seconds).getEpochSecond());
	}

	/** Declares another algorithm in the header; the signature stays RS256, which does not matter to a refusal. */
	ForgedJwt algorithm(String algorithm) {
		this.algorithm = algorithm;
		return this;
	}

	String encode() {
		String header = encode(Map.of("alg", this.algorithm, "typ", "JWT", "kid", "forged"));
		String payload = encode(this.claims);
		String signingInput = header + "." + payload;
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(KEY.getPrivate());
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(Object json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(MAPPER.writeValueAsBytes(json));
	}

	private static KeyPair generateKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
