/**
 * Secrets under {@code secret/testapp/} in Vault KV v2: the validated {@link SecretName}, the
 * {@link SecretsService} that is the only code talking to Vault, what it returns, and the failures it
 * reports in its own terms (never as raw Spring Vault or HTTP-client exceptions).
 */
package io.github.vaultk8s.testapp.secret;
