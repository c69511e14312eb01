/**
 * Vault Kubernetes authentication for Spring Boot: token source, session lifecycle, health and metrics.
 */
package io.github.vaultk8s.auth;
