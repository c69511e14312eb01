/**
 * Vault's {@code sys/} area as far as the stand-in needs it: health, seal status, seal and unseal, and
 * ACL policy management.
 */
package io.github.vaultk8s.test.sys;
