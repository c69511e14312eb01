/**
 * A Vault stand-in for tests and local development, faithful to real Vault's HTTP API for the parts we use.
 */
package io.github.vaultk8s.test;
