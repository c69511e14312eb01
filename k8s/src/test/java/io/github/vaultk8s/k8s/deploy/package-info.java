/**
 * Tests of {@code deploy.sh}: the parts that can be exercised without a cluster.
 */
package io.github.vaultk8s.k8s.deploy;
