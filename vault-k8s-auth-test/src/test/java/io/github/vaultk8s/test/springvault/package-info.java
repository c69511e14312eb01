/**
 * Spring Vault's own client ({@code VaultTemplate}, {@code KubernetesAuthentication},
 * {@code LifecycleAwareSessionManager}) against the stand-in, over HTTP and over TLS with a PEM CA: the
 * stand-in must be good enough for the library the starter builds on, not just for our own HTTP calls.
 */
package io.github.vaultk8s.test.springvault;
