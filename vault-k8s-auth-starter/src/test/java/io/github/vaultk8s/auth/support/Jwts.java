package io.github.vaultk8s.auth.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Unsigned JWTs shaped like projected service-account tokens, for tests that only parse claims.
 */
public final class Jwts {

	private Jwts() {
	}

	public static String serviceAccountToken(String namespace, String name, Instant expiresAt) {
		String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
		String payload = encode("{\"aud\":[\"vault\"],\"exp\":" + expiresAt.getEpochSecond()
				+ ",\"kubernetes.io\":{\"namespace\":\"" + namespace + "\",\"serviceaccount\":{\"name\":\"" + name
				+ "\",\"uid\":\"0000\"}},\"sub\":\"system:serviceaccount:" + namespace + ":" + name + "\"}");
		return header + "." + payload + "." + encode("signature");
	}

	private static String encode(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
