package io.github.vaultk8s.test.sys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Whether the stand-in is sealed, and the single Shamir key share that unseals it (as {@code vault server
 * -dev} prints). The cluster name and id are fixed for the life of the state.
 */
public final class SealState {

	private final byte[] unsealKey;

	private final String clusterName;

	private final String clusterId;

	private volatile boolean sealed;

	public SealState() {
		this.unsealKey = new byte[32];
		new SecureRandom().nextBytes(this.unsealKey);
		this.clusterId = UUID.randomUUID().toString();
		this.clusterName = "vault-cluster-" + this.clusterId.substring(0, 8);
	}

	public boolean isSealed() {
		return this.sealed;
	}

	public void seal() {
		this.sealed = true;
	}

	/** Unseals without a key: the Java API's fault control. */
	public void unseal() {
		this.sealed = false;
	}

	/**
	 * Unseals with a key share in base64 or hex, as {@code sys/unseal} accepts it.
	 * @return whether the key was right
	 * @throws IllegalArgumentException when the key is neither base64 nor hex
	 */
	public boolean unseal(String key) {
		byte[] given = decode(key);
		if (!java.security.MessageDigest.isEqual(given, this.unsealKey)) {
			return false;
		}
		this.sealed = false;
		return true;
	}

	/** The dev unseal key in base64, as {@code vault server -dev} prints it. */
	public String unsealKey() {
		return Base64.getEncoder().encodeToString(this.unsealKey);
	}

	public String clusterName() {
		return this.clusterName;
	}

	public String clusterId() {
		return this.clusterId;
	}

	private static byte[] decode(String key) {
		try {
			return HexFormat.of().parseHex(key);
		}
		catch (IllegalArgumentException ex) {
			try {
				return Base64.getDecoder().decode(key);
			}
			catch (IllegalArgumentException notBase64) {
				throw new IllegalArgumentException("'key' must be a valid hex or base64 string");
			}
		}
	}

}
