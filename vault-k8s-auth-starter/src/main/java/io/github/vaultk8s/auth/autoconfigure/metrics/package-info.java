/**
 * Auto-configuration of the Vault session meters and of the timing of Vault HTTP calls.
 */
package io.github.vaultk8s.auth.autoconfigure.metrics;
