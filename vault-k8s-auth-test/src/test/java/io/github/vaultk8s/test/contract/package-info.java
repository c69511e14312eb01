/**
 * The HTTP contract suite: one abstract class per Vault area (general envelope, health and seal, ACL,
 * Kubernetes auth config/roles and login, tokens, KV v2 data and metadata), asserting status codes, body
 * shapes and exact error strings from {@code shared/vault-api-notes.md}. Each area runs twice, unchanged:
 * {@code EmbeddedVault*ContractTest} against the stand-in on every build, {@code RealVault*ContractTest}
 * against real Vault and K3s where Docker is available. Tests set up what they need themselves, over HTTP
 * with the root token, under names unique to the test, so both targets can be shared. Where the stand-in is
 * known to differ, {@code StandInDiscrepancies} says so and reports the stand-in's failure as aborted with
 * the reason, leaving the assertion itself untouched.
 */
package io.github.vaultk8s.test.contract;
