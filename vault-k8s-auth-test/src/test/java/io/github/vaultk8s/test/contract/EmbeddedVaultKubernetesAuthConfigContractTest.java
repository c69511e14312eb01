package io.github.vaultk8s.test.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link KubernetesAuthConfigContract} against the stand-in.
 */
class EmbeddedVaultKubernetesAuthConfigContractTest extends KubernetesAuthConfigContract {

	@RegisterExtension
	static final EmbeddedVaultTarget target = new EmbeddedVaultTarget();

	@Override
	protected VaultTarget target() {
		return target;
	}

}
