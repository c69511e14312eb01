/**
 * Auto-configuration of the starter: the properties under {@code vault.k8s-auth}, the session for the application
 * context and for config data import ({@code spring.config.import=vault://}), and the zero-config defaults for a
 * pod.
 */
package io.github.vaultk8s.auth.autoconfigure;
