package io.github.vaultk8s.test.contract;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link AclContract} against real Vault and K3s; skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealVaultAclContractTest extends AclContract {

	@Override
	protected VaultTarget target() {
		return RealVaultTarget.shared();
	}

}
