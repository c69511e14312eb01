/**
 * Where the Kubernetes service-account JWT comes from: the projected token file, read on every login, and the
 * few claims the starter needs from it (service account, namespace, expiry).
 */
package io.github.vaultk8s.auth.token;
