/**
 * Checks on what runs: restricted pod security, pinned images, Spring Boot probes.
 */
package io.github.vaultk8s.k8s.check.workload;
