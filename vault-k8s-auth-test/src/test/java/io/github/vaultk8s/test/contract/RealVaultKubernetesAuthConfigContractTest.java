package io.github.vaultk8s.test.contract;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link KubernetesAuthConfigContract} against real Vault and K3s; skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealVaultKubernetesAuthConfigContractTest extends KubernetesAuthConfigContract {

	@Override
	protected VaultTarget target() {
		return RealVaultTarget.shared();
	}

}
