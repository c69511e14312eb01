/**
 * The stand-in as a standalone process ({@code vault-dev-server.jar}): command line and lifecycle.
 */
package io.github.vaultk8s.test.devserver;
