/**
 * Go-style durations and timestamps, so the stand-in reads and writes them exactly as Vault does.
 */
package io.github.vaultk8s.test.time;
