package io.github.vaultk8s.test.kubernetes;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpHandler;

/**
 * The stand-in's own little Kubernetes: it mints RS256 projected service-account JWTs and answers
 * TokenReview for them like kube-apiserver does. Service-account UIDs are stable per namespace and name
 * for the life of this instance; {@link #invalidate} makes the tokens minted so far fail review, as
 * deleting a pod or service account does.
 */
public final class ServiceAccountTokens {

	/** The issuer and default API audience of a kube-apiserver with default settings. */
	public static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

	/** The issuer of legacy secret-based tokens, which TokenReview accepts too. */
	public static final String LEGACY_ISSUER = "kubernetes/serviceaccount";

	private static final String REVIEWER_NAMESPACE = "kube-system";

	private static final String REVIEWER_NAME = "vault-token-reviewer";

	private final Clock clock;

	private final KeyPair keys;

	private final String keyId;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, String> serviceAccountUids = new ConcurrentHashMap<>();

	/** The {@code jti}s minted per service account (key {@code ns/name}), until invalidated. */
	private final Map<String, Set<String>> minted = new ConcurrentHashMap<>();

	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	private final Set<String> reviewers = ConcurrentHashMap.newKeySet();

	private final String reviewerToken;

	/** Uses a fresh RSA-2048 signing key. */
	public ServiceAccountTokens(Clock clock) {
		this(clock, newRsaKeyPair());
	}

	/**
	 * Uses the given RSA signing key, so tests can share one: making a key takes a noticeable part of a
	 * second. Instances sharing a key accept each other's tokens.
	 */
	public ServiceAccountTokens(Clock clock, KeyPair signingKeys) {
		if (!(signingKeys.getPublic() instanceof RSAPublicKey)) {
			throw new IllegalArgumentException("the service-account signing key must be RSA");
		}
		this.clock = clock;
		this.keys = signingKeys;
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(this.keys.getPublic().getEncoded());
			this.keyId = JsonWebToken.encode(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		this.reviewers.add(key(REVIEWER_NAMESPACE, REVIEWER_NAME));
		// Long-lived like a legacy secret-based token: the reviewer must outlive every test.
		this.reviewerToken = mint(REVIEWER_NAMESPACE, REVIEWER_NAME, ISSUER, Duration.ofDays(365));
	}

	/** A fresh RSA-2048 key pair, as {@link #ServiceAccountTokens(Clock)} makes. */
	public static KeyPair newRsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot make the service-account signing key", ex);
		}
	}

	/** Mints a projected-token JWT for {@code system:serviceaccount:namespace:name}, valid for {@code ttl}. */
	public String mint(String namespace, String serviceAccount, String audience, Duration ttl) {
		List<String> audiences = (audience == null || audience.isBlank()) ? List.of(ISSUER) : List.of(audience);
		return mintWithAudiences(namespace, serviceAccount, audiences, ttl);
	}

	/** Mints a projected-token JWT with several audiences. */
	public String mintWithAudiences(String namespace, String serviceAccount, List<String> audiences, Duration ttl) {
		long now = this.clock.instant().getEpochSecond();
		String jti = UUID.randomUUID().toString();
		Map<String, Object> serviceAccountRef = new LinkedHashMap<>();
		serviceAccountRef.put("name", serviceAccount);
		serviceAccountRef.put("uid", uid(namespace, serviceAccount));
		Map<String, Object> pod = new LinkedHashMap<>();
		pod.put("name", serviceAccount + "-" + podSuffix());
		pod.put("uid", UUID.randomUUID().toString());
		Map<String, Object> kubernetes = new LinkedHashMap<>();
		kubernetes.put("namespace", namespace);
		kubernetes.put("pod", pod);
		kubernetes.put("serviceaccount", serviceAccountRef);
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("aud", List.copyOf(audiences));
		claims.put("exp", now + ttl.toSeconds());
		claims.put("iat", now);
		claims.put("iss", ISSUER);
		claims.put("jti", jti);
		claims.put("kubernetes.io", kubernetes);
		claims.put("nbf", now);
		claims.put("sub", username(namespace, serviceAccount));
		this.minted.computeIfAbsent(key(namespace, serviceAccount), (k) -> ConcurrentHashMap.newKeySet()).add(jti);
		return sign(claims);
	}

	/** Signs arbitrary claims with this instance's key, for tokens the normal minting cannot express. */
	String sign(Map<String, Object> claims) {
		return JsonWebToken.sign(JwsAlgorithm.RS256, this.keyId, this.keys.getPrivate(), claims);
	}

	/** The service account's UID, made on first use and stable afterwards. */
	public String uid(String namespace, String serviceAccount) {
		return this.serviceAccountUids.computeIfAbsent(key(namespace, serviceAccount),
				(k) -> UUID.randomUUID().toString());
	}

	/**
	 * Makes every token minted so far for the service account fail TokenReview, as deleting the pod or
	 * service account does. Tokens minted later are valid again.
	 */
	public void invalidate(String namespace, String serviceAccount) {
		Set<String> jtis = this.minted.remove(key(namespace, serviceAccount));
		if (jtis != null) {
			this.revoked.addAll(jtis);
		}
	}

	/**
	 * Lets the service account's own tokens call TokenReview (Kubernetes' {@code system:auth-delegator}),
	 * as a Vault config without {@code token_reviewer_jwt} needs for the client's JWT.
	 */
	public void allowTokenReview(String namespace, String serviceAccount) {
		this.reviewers.add(key(namespace, serviceAccount));
	}

	/**
	 * A JDK {@link HttpHandler} for {@code POST /apis/authentication.k8s.io/v1/tokenreviews}, verifying
	 * tokens this instance minted.
	 */
	public HttpHandler tokenReviewHandler() {
		return new TokenReviewHandler(this);
	}

	/** A bearer token the TokenReview endpoint accepts, to use as {@code token_reviewer_jwt}. */
	public String reviewerToken() {
		return this.reviewerToken;
	}

	/** The signing public key, in PEM, for Vault's {@code pem_keys}. */
	public String publicKeyPem() {
		String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(this.keys.getPublic().getEncoded());
		return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
	}

	PublicKey publicKey() {
		return this.keys.getPublic();
	}

	Clock clock() {
		return this.clock;
	}

	boolean isRevoked(String jti) {
		return this.revoked.contains(jti);
	}

	boolean mayReview(String username) {
		return parseUsername(username).map((parts) -> this.reviewers.contains(key(parts[0], parts[1])))
			.orElse(false);
	}

	static String username(String namespace, String serviceAccount) {
		return "system:serviceaccount:" + namespace + ":" + serviceAccount;
	}

	/** {@code [namespace, name]} of a service-account username. */
	static Optional<String[]> parseUsername(String username) {
		String[] parts = username.split(":", -1);
		if (parts.length != 4 || !parts[0].equals("system") || !parts[1].equals("serviceaccount")) {
			return Optional.empty();
		}
		return Optional.of(new String[] { parts[2], parts[3] });
	}

	private static String key(String namespace, String serviceAccount) {
		return namespace + "/" + serviceAccount;
	}

	private String podSuffix() {
		String alphabet = "bcdfghjklmnpqrstvwxz2456789";
		StringBuilder suffix = new StringBuilder();
		for (int i = 0; i < 5; i++) {
			suffix.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return suffix.toString();
	}

}
