/**
 * The test application: HTTP in, KV v2 on {@code secret/testapp} out.
 */
package io.github.vaultk8s.testapp;
