package io.github.vaultk8s.test.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DevStateContract} against the stand-in.
 */
class EmbeddedVaultDevStateContractTest extends DevStateContract {

	@RegisterExtension
	static final EmbeddedVaultTarget target = new EmbeddedVaultTarget();

	@Override
	protected VaultTarget target() {
		return target;
	}

}
