package io.github.vaultk8s.test.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link GeneralContract} against the stand-in.
 */
class EmbeddedVaultGeneralContractTest extends GeneralContract {

	@RegisterExtension
	static final EmbeddedVaultTarget target = new EmbeddedVaultTarget();

	@Override
	protected VaultTarget target() {
		return target;
	}

}
