package io.github.vaultk8s.test.sys;

/**
 * The Vault version the stand-in reports, the newest its behaviour was modelled on.
 */
public final class VaultVersion {

	public static final String VERSION = "1.21.0";

	public static final String BUILD_DATE = "2025-10-21T19:02:08Z";

	private VaultVersion() {
	}

}
