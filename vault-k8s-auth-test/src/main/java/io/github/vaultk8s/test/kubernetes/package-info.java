/**
 * Vault's Kubernetes auth method ({@code auth/kubernetes}: config, roles, login with a real TokenReview
 * call) and the stand-in's own little Kubernetes that mints service-account JWTs and answers TokenReview
 * for them.
 */
package io.github.vaultk8s.test.kubernetes;
