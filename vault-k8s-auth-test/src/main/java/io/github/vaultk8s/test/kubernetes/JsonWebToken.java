package io.github.vaultk8s.test.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A compact JWS (header, claims, signature) split and decoded, without trusting it yet. Parsing is as
 * strict as go-jose: three base64url parts without padding, JSON objects for header and claims, and an
 * {@code alg} among the {@link JwsAlgorithm}s.
 *
 * @param algorithm the header's {@code alg}
 * @param header the decoded header
 * @param claims the decoded claims
 * @param signingInput the bytes the signature covers ({@code header.claims} as sent)
 * @param signature the raw signature bytes
 */
record JsonWebToken(JwsAlgorithm algorithm, Map<String, Object> header, Map<String, Object> claims,
		byte[] signingInput, byte[] signature) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	/** @throws IllegalArgumentException when the text is not a compact JWS with an accepted algorithm */
	static JsonWebToken parse(String compact) {
		String[] parts = compact.split("\\.", -1);
		if (parts.length != 3) {
			throw new IllegalArgumentException("compact JWS format must have three parts");
		}
		Map<String, Object> header = jsonObject(decode(parts[0]));
		Map<String, Object> claims = jsonObject(decode(parts[1]));
		Object alg = header.get("alg");
		JwsAlgorithm algorithm = JwsAlgorithm.named((alg instanceof String name) ? name : "")
			.orElseThrow(() -> new IllegalArgumentException("unexpected signature algorithm"));
		byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
		return new JsonWebToken(algorithm, header, claims, signingInput, decode(parts[2]));
	}

	/** Signs claims into a compact JWS. */
	static String sign(JwsAlgorithm algorithm, String keyId, PrivateKey key, Map<String, Object> claims) {
		Map<String, Object> header = (keyId != null) ? Map.of("alg", algorithm.name(), "kid", keyId)
				: Map.of("alg", algorithm.name());
		String signingInput = encode(JSON.writeValueAsBytes(header)) + "." + encode(JSON.writeValueAsBytes(claims));
		byte[] signature = algorithm.sign(key, signingInput.getBytes(StandardCharsets.US_ASCII));
		return signingInput + "." + encode(signature);
	}

	static String encode(byte[] bytes) {
		return ENCODER.encodeToString(bytes);
	}

	private static byte[] decode(String part) {
		if (part.indexOf('=') >= 0) {
			throw new IllegalArgumentException("illegal base64 data");
		}
		return DECODER.decode(part);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> jsonObject(byte[] json) {
		try {
			Object value = JSON.readValue(json, Object.class);
			if (value instanceof Map<?, ?> map) {
				return (Map<String, Object>) map;
			}
		}
		catch (JacksonException ex) {
			// reported below without echoing the token
		}
		throw new IllegalArgumentException("JWS part is not a JSON object");
	}

}
