package io.github.vaultk8s.test.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link KvV2MetadataContract} against the stand-in.
 */
class EmbeddedVaultKvV2MetadataContractTest extends KvV2MetadataContract {

	@RegisterExtension
	static final EmbeddedVaultTarget target = new EmbeddedVaultTarget();

	@Override
	protected VaultTarget target() {
		return target;
	}

}
