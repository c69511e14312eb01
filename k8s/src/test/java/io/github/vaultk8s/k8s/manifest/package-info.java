/**
 * The rendered manifests as data: objects, the set a deployment applies, and where the files live.
 */
package io.github.vaultk8s.k8s.manifest;
