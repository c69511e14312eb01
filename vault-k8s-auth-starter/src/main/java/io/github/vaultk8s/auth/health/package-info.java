/**
 * The {@code vaultSession} health indicator: reads the session state, makes no Vault call of its own.
 */
package io.github.vaultk8s.auth.health;
