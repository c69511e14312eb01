package io.github.vaultk8s.test.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TokenContract} against the stand-in.
 */
class EmbeddedVaultTokenContractTest extends TokenContract {

	@RegisterExtension
	static final EmbeddedVaultTarget target = new EmbeddedVaultTarget();

	@Override
	protected VaultTarget target() {
		return target;
	}

}
