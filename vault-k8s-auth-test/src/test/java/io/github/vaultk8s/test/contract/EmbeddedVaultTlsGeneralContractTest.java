package io.github.vaultk8s.test.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link GeneralContract} against the stand-in serving TLS, its Kubernetes auth configured with the CA PEM
 * (the stand-in's TokenReview endpoint is then HTTPS too).
 */
class EmbeddedVaultTlsGeneralContractTest extends GeneralContract {

	@RegisterExtension
	static final EmbeddedVaultTarget target = new EmbeddedVaultTarget((builder) -> builder.tls(true));

	@Override
	protected VaultTarget target() {
		return target;
	}

}
