package io.github.vaultk8s.auth.token;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonParserFactory;

/**
 * The claims of a Kubernetes service-account JWT that the starter uses. The signature is not checked: Vault (through
 * the TokenReview API) is the one that decides whether the token is genuine; the starter only needs the name of
 * the service account to pick a default role and the expiry to fail early.
 *
 * @param namespace the namespace of the service account, {@code null} if absent
 * @param serviceAccountName the service-account name, {@code null} if absent
 * @param expiresAt the {@code exp} claim, {@code null} if absent
 */
public record ServiceAccountTokenClaims(@Nullable String namespace, @Nullable String serviceAccountName,
		@Nullable Instant expiresAt) {

	/**
	 * Parse the payload of a JWT.
	 * @param jwt the token
	 * @param origin where the token came from, used in error messages instead of the token itself
	 * @return the claims
	 * @throws ServiceAccountTokenException if the token is not a JWT
	 */
	public static ServiceAccountTokenClaims parse(String jwt, String origin) {
		String[] parts = jwt.split("\\.");
		if (parts.length != 3) {
			throw new ServiceAccountTokenException("Service-account token from " + origin + " is not a JWT");
		}
		Map<String, Object> claims;
		try {
			String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
			claims = JsonParserFactory.getJsonParser().parseMap(payload);
		}
		// Also covers JsonParseException.
		catch (IllegalArgumentException ex) {
			throw new ServiceAccountTokenException(
					"Service-account token from " + origin + " has an unreadable payload");
		}
		String namespace = null;
		String name = null;
		if (claims.get("kubernetes.io") instanceof Map<?, ?> kubernetes) {
			namespace = text(kubernetes.get("namespace"));
			if (kubernetes.get("serviceaccount") instanceof Map<?, ?> serviceAccount) {
				name = text(serviceAccount.get("name"));
			}
		}
		if (name == null) {
			// Legacy (secret-based) service-account tokens.
			namespace = text(claims.get("kubernetes.io/serviceaccount/namespace"));
			name = text(claims.get("kubernetes.io/serviceaccount/service-account.name"));
		}
		Instant expiresAt = (claims.get("exp") instanceof Number exp) ? Instant.ofEpochSecond(exp.longValue()) : null;
		return new ServiceAccountTokenClaims(namespace, name, expiresAt);
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value instanceof String string && !string.isBlank()) ? string : null;
	}

}
