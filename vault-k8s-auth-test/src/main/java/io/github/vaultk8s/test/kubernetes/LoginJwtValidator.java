package io.github.vaultk8s.test.kubernetes;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.github.vaultk8s.test.http.VaultApiError;

/**
 * Vault's local checks of a login JWT, before any call to Kubernetes (what {@code hashicorp/cap}'s
 * validator does for the plugin): the JWS is parsed with the allowed algorithms only, its signature is
 * checked only when {@code pem_keys} are configured, then issuer (only when explicitly enabled),
 * audience and the time claims with a minute of clock skew. A token with none of {@code iat},
 * {@code nbf}, {@code exp} passes the time checks, as in Vault.
 */
final class LoginJwtValidator {

	private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

	// cap's default when exp or nbf must be derived from the other time claims.
	private static final long DERIVED_LEEWAY_SECONDS = 150;

	private LoginJwtValidator() {
	}

	/** The token's claims, or a 403 with Vault's message. */
	static Map<String, Object> validate(String compact, KubernetesAuthConfig config, String roleAudience,
			Instant now) {
		JsonWebToken jwt;
		try {
			jwt = JsonWebToken.parse(compact);
		}
		catch (IllegalArgumentException ex) {
			throw VaultApiError.permissionDenied();
		}
		if (!config.publicKeys().isEmpty() && !signedByAny(jwt, config.publicKeys())) {
			throw VaultApiError.permissionDenied();
		}
		if (jwt.signature().length == 0) {
			throw forbidden("invalid algorithm (alg) header parameter: token must be signed");
		}
		Map<String, Object> claims = jwt.claims();
		RegisteredClaims registered = RegisteredClaims.of(claims);
		if (!config.disableIssValidation() && !config.issuer().isEmpty() && !config.issuer().equals(registered.issuer)) {
			throw forbidden("invalid issuer (iss) claim");
		}
		if (!roleAudience.isEmpty() && !registered.audiences.contains(roleAudience)) {
			throw forbidden("invalid audience (aud) claim: audience claim does not match any expected audience");
		}
		checkTimes(registered, now);
		return claims;
	}

	private static boolean signedByAny(JsonWebToken jwt, List<PublicKey> keys) {
		return keys.stream().anyMatch((key) -> jwt.algorithm().verify(key, jwt.signingInput(), jwt.signature()));
	}

	private static void checkTimes(RegisteredClaims claims, Instant now) {
		long iat = claims.issuedAt;
		long exp = claims.expiry;
		long nbf = claims.notBefore;
		if (iat == 0 && exp == 0 && nbf == 0) {
			return;
		}
		if (exp == 0) {
			exp = Math.max(iat, nbf) + DERIVED_LEEWAY_SECONDS;
		}
		if (nbf == 0) {
			nbf = (iat != 0) ? iat : exp - DERIVED_LEEWAY_SECONDS;
		}
		if (now.plus(CLOCK_SKEW).isBefore(Instant.ofEpochSecond(nbf))) {
			throw forbidden("invalid not before (nbf) claim: token not yet valid");
		}
		if (now.minus(CLOCK_SKEW).isAfter(Instant.ofEpochSecond(exp))) {
			throw forbidden("invalid expiration time (exp) claim: token is expired");
		}
		if (iat != 0 && now.plus(CLOCK_SKEW).isBefore(Instant.ofEpochSecond(iat))) {
			throw forbidden("invalid issued at (iat) claim: token issued in the future");
		}
	}

	private static VaultApiError forbidden(String message) {
		return VaultApiError.of(403, message);
	}

	/** The registered claims as go-jose decodes them; a claim of the wrong JSON type refuses the token. */
	private static final class RegisteredClaims {

		private String issuer = "";

		private List<String> audiences = List.of();

		private long issuedAt;

		private long expiry;

		private long notBefore;

		static RegisteredClaims of(Map<String, Object> claims) {
			RegisteredClaims registered = new RegisteredClaims();
			Object iss = claims.get("iss");
			if (iss != null) {
				registered.issuer = string(iss);
			}
			Object aud = claims.get("aud");
			if (aud instanceof String single) {
				registered.audiences = List.of(single);
			}
			else if (aud instanceof Collection<?> many) {
				registered.audiences = many.stream().map(RegisteredClaims::string).toList();
			}
			else if (aud != null) {
				throw VaultApiError.permissionDenied();
			}
			registered.issuedAt = numericDate(claims.get("iat"));
			registered.expiry = numericDate(claims.get("exp"));
			registered.notBefore = numericDate(claims.get("nbf"));
			return registered;
		}

		private static String string(Object value) {
			if (value instanceof String text) {
				return text;
			}
			throw VaultApiError.permissionDenied();
		}

		private static long numericDate(Object value) {
			if (value == null) {
				return 0;
			}
			if (value instanceof Number number) {
				return number.longValue();
			}
			throw VaultApiError.permissionDenied();
		}

	}

}
