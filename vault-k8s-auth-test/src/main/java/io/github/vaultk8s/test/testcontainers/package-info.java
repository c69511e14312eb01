/**
 * Real Vault and a real Kubernetes API (K3s) in Docker through Testcontainers, wired so that Vault's
 * Kubernetes auth method can review service-account tokens against K3s. For tests of any module that
 * want the real thing next to the in-JVM stand-in; they need a Docker engine and should be annotated
 * {@code @Testcontainers(disabledWithoutDocker = true)}.
 */
package io.github.vaultk8s.test.testcontainers;
