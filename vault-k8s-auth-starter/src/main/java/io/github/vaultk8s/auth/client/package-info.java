/**
 * What touches Vault requests made with the session token: a 403 on a token that Vault no longer knows leads to a
 * new login and one retry.
 */
package io.github.vaultk8s.auth.client;
