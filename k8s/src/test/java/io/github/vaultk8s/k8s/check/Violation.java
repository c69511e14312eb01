package io.github.vaultk8s.k8s.check;

/**
 * One thing wrong with the manifests.
 *
 * @param check the check that found it
 * @param subject the object or file concerned
 * @param message what is wrong, specific enough to fix it
 */
public record Violation(String check, String subject, String message) {

	@Override
	public String toString() {
		return "[" + this.check + "] " + this.subject + ": " + this.message;
	}

}
