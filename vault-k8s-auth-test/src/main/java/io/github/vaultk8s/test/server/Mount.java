package io.github.vaultk8s.test.server;

import io.github.vaultk8s.test.http.VaultBackend;

/**
 * A backend at a path prefix ending with {@code /}, as in Vault's mount table.
 */
record Mount(String prefix, VaultBackend backend) {
}
