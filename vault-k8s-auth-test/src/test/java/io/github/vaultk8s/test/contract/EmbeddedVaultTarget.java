package io.github.vaultk8s.test.contract;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import io.github.vaultk8s.test.EmbeddedVault;

/**
 * The stand-in as a contract target: one {@link EmbeddedVault} per test class, started before all its
 * tests and closed after. Register it as a {@code static} {@code @RegisterExtension} field.
 */
final class EmbeddedVaultTarget implements VaultTarget, BeforeAllCallback, AfterAllCallback, InvocationInterceptor {

	private final StandInDiscrepancies discrepancies = new StandInDiscrepancies();


	private final UnaryOperator<EmbeddedVault.Builder> customizer;

	private EmbeddedVault vault;

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
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.vault != null) {
			this.vault.close();
		}
	}

	@Override
	public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
			ExtensionContext extensionContext) throws Throwable {
		this.discrepancies.interceptTestMethod(invocation, invocationContext, extensionContext);
	}

	@Override
	public void interceptTestTemplateMethod(Invocation<Void> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext)
			throws Throwable {
		this.discrepancies.interceptTestTemplateMethod(invocation, invocationContext, extensionContext);
	}

	@Override
	public URI baseUri() {
		return this.vault.uri();
	}

	@Override
	public VaultHttpClient anonymous() {
		String caPem = this.vault.caCertificatePem();
		return (caPem != null) ? VaultHttpClient.anonymous(baseUri(), caPem) : VaultHttpClient.anonymous(baseUri());
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
		body.put("token_reviewer_jwt", this.vault.core().serviceAccountTokens().reviewerToken());
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
