package io.github.vaultk8s.test.kubernetes;

import java.security.KeyPair;

/** RSA keys made once per test run: making one takes a good part of a second. */
final class TestKeys {

	/** The key of the cluster under test. */
	static final KeyPair CLUSTER = ServiceAccountTokens.newRsaKeyPair();

	/** The key of some other cluster, whose tokens must be refused. */
	static final KeyPair OTHER_CLUSTER = ServiceAccountTokens.newRsaKeyPair();

	private TestKeys() {
	}

}
