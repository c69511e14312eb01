package io.github.vaultk8s.test.http;

/**
 * Something mounted in the stand-in's router (a secrets engine, an auth method or {@code sys/}). Paths it
 * sees are relative to its mount.
 */
public interface VaultBackend {

	/** The {@code mount_type} Vault reports in responses, e.g. {@code kv}. */
	String mountType();

	/** Answers a request that has already passed the seal and ACL checks. */
	VaultResponse handle(VaultRequest request);

	/** Whether something exists at the request's path, for the ACL's create/update decision. */
	default Existence existence(VaultRequest request) {
		return Existence.UNSUPPORTED;
	}

	/** Whether the path also needs {@code sudo} (Vault's root-protected paths). */
	default boolean requiresSudo(String path) {
		return false;
	}

	/** Whether any valid token may call the path, whatever its policies ({@code sys/internal/ui/mounts}). */
	default boolean isOpenToAnyToken(String path) {
		return false;
	}

	/** Whether the path needs no token (login endpoints). */
	default boolean isUnauthenticated(String path) {
		return false;
	}

}
