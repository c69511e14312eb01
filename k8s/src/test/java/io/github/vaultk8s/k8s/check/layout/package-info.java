/**
 * Checks on the files themselves: YAML that parses, kustomization references that resolve offline.
 */
package io.github.vaultk8s.k8s.check.layout;
