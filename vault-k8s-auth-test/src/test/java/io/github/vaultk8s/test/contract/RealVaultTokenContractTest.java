package io.github.vaultk8s.test.contract;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link TokenContract} against real Vault and K3s; skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealVaultTokenContractTest extends TokenContract {

	@Override
	protected VaultTarget target() {
		return RealVaultTarget.shared();
	}

}
