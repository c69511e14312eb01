package io.github.vaultk8s.testapp.secret;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.vaultk8s.auth.session.VaultSessionUnavailableException;

import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.VaultLoginException;
import org.springframework.vault.authentication.VaultSessionManagerException;
import org.springframework.vault.client.VaultResponses;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Turns what Spring Vault (and the starter's session manager) throw into {@link SecretsException}s. Spring Vault reports every Vault error
 * answer as a {@link VaultException} whose cause is the HTTP client's exception, so the status is read
 * from there; a CAS conflict is a plain 400 recognised by Vault's message.
 */
final class VaultErrorTranslator {

	private static final String CAS_MISMATCH = "check-and-set parameter did not match";

	private static final Pattern STATUS_PREFIX = Pattern.compile("^Status (\\d{3})\\b");

	private VaultErrorTranslator() {
	}

	/**
	 * Translates a failure of an operation on {@code name} ({@code null} for the top-level listing).
	 * @return the translated exception, or {@code ex} itself when it is not a Vault failure
	 */
	static RuntimeException translate(RuntimeException ex, SecretName name) {
		if (ex instanceof SecretsException) {
			return ex;
		}
		VaultSessionUnavailableException noSession = findCause(ex, VaultSessionUnavailableException.class);
		if (noSession != null) {
			return new VaultUnavailableException("The application has no Vault session yet.", noSession,
					noSession.getRetryAfter());
		}
		if (causedBy(ex, ResourceAccessException.class)) {
			return new VaultUnavailableException("Vault is unreachable.", ex);
		}
		if (causedBy(ex, VaultLoginException.class) || causedBy(ex, VaultSessionManagerException.class)) {
			return new VaultUnavailableException("The application has no Vault session (login failed).", ex);
		}
		RestClientResponseException response = findCause(ex, RestClientResponseException.class);
		if (response != null) {
			return byStatus(response.getStatusCode().value(), vaultMessage(response.getResponseBodyAsString()), name,
					ex);
		}
		if (ex instanceof VaultException && ex.getMessage() != null) {
			Matcher status = STATUS_PREFIX.matcher(ex.getMessage());
			if (status.find()) {
				return byStatus(Integer.parseInt(status.group(1)), "", name, ex);
			}
		}
		return ex;
	}

	private static RuntimeException byStatus(int status, String vaultMessage, SecretName name, RuntimeException ex) {
		if (status == 400 && vaultMessage.contains(CAS_MISMATCH)) {
			return new SecretVersionMismatchException(name, "Vault's check-and-set refused the write: secret '" + name
					+ "' is not at the expected version (or, for a create-only write, already exists).");
		}
		if (status == 403) {
			return new VaultAccessDeniedException("Vault's policy denies this operation on "
					+ ((name != null) ? "secret '" + name + "'." : "the secret list."));
		}
		if (status == 404) {
			return SecretNotFoundException.secret(name);
		}
		if (status == 503 && vaultMessage.toLowerCase(Locale.ROOT).contains("sealed")) {
			return new VaultUnavailableException("Vault is sealed.", ex);
		}
		if (status == 429 || status == 412 || status >= 500) {
			// 429: standby; 412: performance standby not yet consistent; 5xx: Vault itself is in trouble.
			return new VaultUnavailableException("Vault is unavailable (status " + status + ").", ex);
		}
		return new VaultRejectedRequestException(status,
				vaultMessage.isEmpty() ? "Vault refused the request (status " + status + ")."
						: "Vault refused the request: " + vaultMessage);
	}

	private static String vaultMessage(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		try {
			// Vault's multi-error texts look like "1 error occurred:\n\t* permission denied\n\n".
			return VaultResponses.getError(body).replaceAll("\\s+", " ").trim();
		}
		catch (RuntimeException notVaultJson) {
			return "";
		}
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		return findCause(ex, type) != null;
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

}
