package io.github.vaultk8s.test.kv;

import java.time.Duration;

/**
 * The engine-wide settings of {@code secret/config}.
 *
 * @param maxVersions versions kept per key, 0 for Vault's default of 10
 * @param casRequired whether every write must carry {@code cas}
 * @param deleteVersionAfter how long a version lives before it is soft-deleted, zero for ever
 */
record KvConfig(int maxVersions, boolean casRequired, Duration deleteVersionAfter) {

	static final KvConfig DEFAULT = new KvConfig(0, false, Duration.ZERO);

}
