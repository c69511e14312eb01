package io.github.vaultk8s.test.kubernetes;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.vaultk8s.test.token.TokenIssuer;

/**
 * Vault's Kubernetes auth method mounted at {@code auth/kubernetes}: config, roles and login.
 * Every method throws {@link io.github.vaultk8s.test.http.VaultApiError} with Vault's status and message.
 * SEAM (filled in by the Kubernetes work): signatures are fixed, bodies are not yet.
 */
public final class KubernetesAuthMethod {

	public KubernetesAuthMethod(TokenIssuer tokenIssuer, Clock clock) {
	}

	/** {@code POST auth/kubernetes/config}. */
	public void writeConfig(Map<String, Object> body) {
		throw new UnsupportedOperationException("not yet");
	}

	/** {@code GET auth/kubernetes/config}: empty when nothing is stored (the caller answers 404). */
	public Optional<Map<String, Object>> readConfig() {
		throw new UnsupportedOperationException("not yet");
	}

	/** {@code POST auth/kubernetes/role/:name}: returns warnings (usually none). */
	public List<String> writeRole(String name, Map<String, Object> body) {
		throw new UnsupportedOperationException("not yet");
	}

	/** {@code GET auth/kubernetes/role/:name}. */
	public Optional<Map<String, Object>> readRole(String name) {
		throw new UnsupportedOperationException("not yet");
	}

	/** {@code LIST auth/kubernetes/role}. */
	public List<String> listRoles() {
		throw new UnsupportedOperationException("not yet");
	}

	/** {@code DELETE auth/kubernetes/role/:name}. */
	public void deleteRole(String name) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * {@code POST auth/kubernetes/login}: Vault's checks in Vault's order, a real TokenReview call, then
	 * the {@code auth} block from the {@link TokenIssuer}.
	 * @param body the request body ({@code role}, {@code jwt})
	 * @param remoteAddress the client's address, for bound CIDRs
	 */
	public Map<String, Object> login(Map<String, Object> body, String remoteAddress) {
		throw new UnsupportedOperationException("not yet");
	}

}
