/**
 * Vault's token store and the {@code auth/token/} endpoints: issuing tokens for auth methods, leases that
 * expire on the clock, renewal with Vault's TTL arithmetic and revocation.
 */
package io.github.vaultk8s.test.token;
