package io.github.vaultk8s.testapp.secret;

/**
 * Vault answered with an error this application has no more specific meaning for. {@link #getStatus()}
 * is Vault's status; Vault's own error text is the message (Vault error texts carry no secret data).
 */
public class VaultRejectedRequestException extends SecretsException {

	private final int status;

	public VaultRejectedRequestException(int status, String message) {
		super(message);
		this.status = status;
	}

	public int getStatus() {
		return this.status;
	}

}
