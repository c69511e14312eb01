/**
 * The KV version 2 secrets engine mounted at {@code secret/}: versions, check-and-set, soft delete,
 * undelete, destroy, metadata and pruning, with Vault's answers for each case.
 */
package io.github.vaultk8s.test.kv;
