/**
 * Micrometer meters of the Vault session (read from the session state) and timings of Vault HTTP calls.
 */
package io.github.vaultk8s.auth.metrics;
