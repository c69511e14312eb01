package io.github.vaultk8s.test.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link KubernetesLoginContract} against the stand-in.
 */
class EmbeddedVaultKubernetesLoginContractTest extends KubernetesLoginContract {

	@RegisterExtension
	static final EmbeddedVaultTarget target = new EmbeddedVaultTarget();

	@Override
	protected VaultTarget target() {
		return target;
	}

}
