package io.github.vaultk8s.test.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SealContract} against the stand-in.
 */
class EmbeddedVaultSealContractTest extends SealContract {

	@RegisterExtension
	static final EmbeddedVaultTarget target = new EmbeddedVaultTarget();

	@Override
	protected VaultTarget target() {
		return target;
	}

}
