/**
 * The Vault session: one {@link io.github.vaultk8s.auth.session.ResilientSessionManager} owns the token, logs in
 * and renews in the background with backoff and jitter, and publishes the single {@link
 * io.github.vaultk8s.auth.session.SessionState} that health and metrics read.
 */
package io.github.vaultk8s.auth.session;
