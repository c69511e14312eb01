package io.github.vaultk8s.test.kubernetes;

import java.time.Clock;
import java.time.Duration;

/**
 * The stand-in's own little Kubernetes: it mints RS256 projected service-account JWTs and answers
 * TokenReview for them. SEAM (filled in by the Kubernetes work): signatures are fixed, bodies are not yet.
 */
public final class ServiceAccountTokens {

	public ServiceAccountTokens(Clock clock) {
	}

	/** Mints a projected-token JWT for {@code system:serviceaccount:namespace:name}, valid for {@code ttl}. */
	public String mint(String namespace, String serviceAccount, String audience, Duration ttl) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * A JDK {@link com.sun.net.httpserver.HttpHandler} for
	 * {@code POST /apis/authentication.k8s.io/v1/tokenreviews}, verifying tokens this instance minted.
	 */
	public com.sun.net.httpserver.HttpHandler tokenReviewHandler() {
		throw new UnsupportedOperationException("not yet");
	}

	/** A bearer token the TokenReview endpoint accepts, to use as {@code token_reviewer_jwt}. */
	public String reviewerToken() {
		throw new UnsupportedOperationException("not yet");
	}

}
