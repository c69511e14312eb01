package io.github.vaultk8s.test.contract;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link HealthContract} against real Vault and K3s; skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealVaultHealthContractTest extends HealthContract {

	@Override
	protected VaultTarget target() {
		return RealVaultTarget.shared();
	}

}
