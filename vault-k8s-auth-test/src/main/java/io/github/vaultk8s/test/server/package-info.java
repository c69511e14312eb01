/**
 * The stand-in's composition: one {@code VaultCore} of stores and mounts, the request pipeline that runs
 * Vault's checks in Vault's order, and the JDK HTTP(S) listener that serves it.
 */
package io.github.vaultk8s.test.server;
