/**
 * NetworkPolicy reasoning: which pod may open a connection to which, given the policies in the
 * manifests, and the paths the deployment needs open (and shut).
 */
package io.github.vaultk8s.k8s.check.network;
