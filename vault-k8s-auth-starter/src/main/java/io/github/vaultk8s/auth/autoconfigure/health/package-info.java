/**
 * Auto-configuration of the {@code vaultSession} health contributor.
 */
package io.github.vaultk8s.auth.autoconfigure.health;
