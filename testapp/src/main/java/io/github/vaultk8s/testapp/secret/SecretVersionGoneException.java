package io.github.vaultk8s.testapp.secret;

/**
 * The asked version existed but was soft-deleted (recoverable with undelete) or destroyed (gone for
 * good).
 */
public class SecretVersionGoneException extends SecretsException {

	private final SecretName name;

	private final int version;

	private final boolean destroyed;

	public SecretVersionGoneException(SecretName name, int version, boolean destroyed) {
		super(destroyed ? "Version " + version + " of secret '" + name + "' was destroyed; it cannot be recovered."
				: "Version " + version + " of secret '" + name + "' was deleted; restore it with POST /secrets/"
						+ name + "/undelete and body {\"versions\":[" + version + "]}.");
		this.name = name;
		this.version = version;
		this.destroyed = destroyed;
	}

	public SecretName getName() {
		return this.name;
	}

	public int getVersion() {
		return this.version;
	}

	public boolean isDestroyed() {
		return this.destroyed;
	}

}
