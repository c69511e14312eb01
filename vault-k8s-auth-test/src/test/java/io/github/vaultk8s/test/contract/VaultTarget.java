package io.github.vaultk8s.test.contract;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A Vault the contract suite runs against: the stand-in or the real thing. It offers only what real Vault
 * in dev mode and the stand-in both have out of the box (KV v2 at {@code secret/}, the root token, a
 * Kubernetes auth mount) plus a way to get service-account JWTs its TokenReview accepts; everything else
 * the tests set up themselves over HTTP.
 */
interface VaultTarget {

	/** The server root, e.g. {@code http://127.0.0.1:8200}; requests go to {@code /v1/...} below it. */
	URI baseUri();

	String rootToken();

	/**
	 * A service-account JWT that the target's Kubernetes (real K3s, or the stand-in's own) accepts in
	 * TokenReview, valid for at least a few minutes.
	 */
	String serviceAccountJwt(String namespace, String serviceAccount, String audience);

	/** The body for {@code POST auth/kubernetes/config} that makes logins work on this target. */
	Map<String, Object> kubernetesAuthConfig();

	/**
	 * Makes sure the stand-in's dev state is in place (policy {@code testapp-kv-crud}, role {@code testapp}):
	 * the stand-in starts with it, real Vault gets it written.
	 */
	void ensureDevState();

	/** Whether the suite may seal this Vault (and unseal it again) during a test. */
	boolean sealable();

	/** The key for {@code PUT sys/unseal}, when the target has one to give. */
	Optional<String> unsealKey();

	/**
	 * Unseals after a test sealed it, whatever the unseal API does, so one broken seal test cannot take the
	 * rest of the suite down with it.
	 */
	void ensureUnsealed();

	/**
	 * Brings the target back to the baseline every test starts from: unsealed, nothing armed to fail. State
	 * written by earlier tests stays; tests keep out of each other's way through unique names instead.
	 */
	void reset();

	/** An HTTP client for this target that sends no token. */
	default VaultHttpClient anonymous() {
		return VaultHttpClient.anonymous(baseUri());
	}

	/** An HTTP client for this target that sends the root token. */
	default VaultHttpClient root() {
		return anonymous().withToken(rootToken());
	}

}
