package io.github.vaultk8s.testapp.secret;

/**
 * Vault refused the operation with a valid session: its policy does not allow it.
 */
public class VaultAccessDeniedException extends SecretsException {

	public VaultAccessDeniedException(String message) {
		super(message);
	}

}
