/**
 * Checks over rendered manifests. Each check is a small class that returns violations instead of
 * asserting, so the same class serves the test over the real manifests and the tests that seed a mistake
 * and expect it reported.
 */
package io.github.vaultk8s.k8s.check;
