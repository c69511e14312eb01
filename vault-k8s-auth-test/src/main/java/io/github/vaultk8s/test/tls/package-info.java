/**
 * TLS for the stand-in: a throw-away CA with a server certificate for the loopback names, and reading
 * PEM CA bundles into client trust, so https paths are tested the way they run against a real cluster.
 */
package io.github.vaultk8s.test.tls;
