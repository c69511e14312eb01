package io.github.vaultk8s.test.contract;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.vaultk8s.test.EmbeddedVault;

/**
 * The stand-in as a contract target: one {@link EmbeddedVault} per test class, started before all its
 * tests and closed after. Register it as a {@code static} {@code @RegisterExtension} field.
 */
final class EmbeddedVaultTarget implements VaultTarget, BeforeAllCallback, AfterAllCallback {

	private final UnaryOperator<EmbeddedVault.Builder> customizer;

	private EmbeddedVault vault;

	private VaultHttpClient anonymous;

	EmbeddedVaultTarget() {
		this(UnaryOperator.identity());
	}

	/** A target whose stand-in is built with extra settings, e.g. a small {@code maxRequestSize}. */
	EmbeddedVaultTarget(UnaryOperator<EmbeddedVault.Builder> customizer) {
		this.customizer = customizer;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.vault = this.customizer.apply(EmbeddedVault.builder()).build().start();
		String caPem = this.vault.caCertificatePem();
		// One client per target: each java.net.http client keeps its own selector thread.
		this.anonymous = (caPem != null) ? VaultHttpClient.anonymous(baseUri(), caPem)
				: VaultHttpClient.anonymous(baseUri());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.vault != null) {
			this.vault.close();
		}
	}

	@Override
	public URI baseUri() {
		return this.vault.uri();
	}

	@Override
	public VaultHttpClient anonymous() {
		return this.anonymous;
	}

	@Override
	public String rootToken() {
		return this.vault.rootToken();
	}

	@Override
	public String serviceAccountJwt(String namespace, String serviceAccount, String audience) {
		return this.vault.mintServiceAccountToken(namespace, serviceAccount, audience, Duration.ofMinutes(10));
	}

	@Override
	public Map<String, Object> kubernetesAuthConfig() {
		Map<String, Object> body = new LinkedHashMap<>();
		String host = this.vault.kubernetesHost();
		body.put("kubernetes_host", host);
		if (this.vault.caCertificatePem() != null) {
			body.put("kubernetes_ca_cert", this.vault.caCertificatePem());
		}
		// Like K3s, the stand-in's TokenReview lets only authorised callers review: use its reviewer JWT.
		body.put("token_reviewer_jwt", this.vault.tokenReviewerJwt());
		body.put("disable_local_ca_jwt", true);
		return body;
	}

	@Override
	public void ensureDevState() {
		// Seeded at start: the stand-in's default.
	}

	@Override
	public boolean sealable() {
		return true;
	}

	@Override
	public Optional<String> unsealKey() {
		return Optional.of(this.vault.unsealKey());
	}

	@Override
	public void ensureUnsealed() {
		this.vault.faults().unseal();
	}

	@Override
	public void reset() {
		this.vault.faults().clear();
		ensureUnsealed();
	}

}
