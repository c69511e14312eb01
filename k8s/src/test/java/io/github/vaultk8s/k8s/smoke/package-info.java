/**
 * Tests of the smoke-test Job's script, run against a scripted stand-in of the app's HTTP API.
 */
package io.github.vaultk8s.k8s.smoke;
