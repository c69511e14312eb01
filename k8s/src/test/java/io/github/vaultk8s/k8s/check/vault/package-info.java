/**
 * Cross-checks between the Vault configuration (the Vault CR's externalConfig), the Kubernetes objects
 * and the app's Spring Cloud Vault settings: the mistakes that make a login or a read fail only once
 * deployed.
 */
package io.github.vaultk8s.k8s.check.vault;
