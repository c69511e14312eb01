package io.github.vaultk8s.test.contract;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link KvV2DataContract} against real Vault and K3s; skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealVaultKvV2DataContractTest extends KvV2DataContract {

	@Override
	protected VaultTarget target() {
		return RealVaultTarget.shared();
	}

}
