package io.github.vaultk8s.auth.token;

import org.springframework.vault.VaultException;

/**
 * The service-account token cannot be used: missing, unreadable, empty or not a JWT. The message names the file,
 * never the token.
 */
public class ServiceAccountTokenException extends VaultException {

	public ServiceAccountTokenException(String message) {
		super(message);
	}

}
