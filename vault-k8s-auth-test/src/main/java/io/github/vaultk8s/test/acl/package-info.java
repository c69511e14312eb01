/**
 * Vault's ACL: the policy language (HCL and JSON), policy storage with the built-in {@code default} and
 * {@code root} policies, and the matching rules that decide what a token may do on a path.
 */
package io.github.vaultk8s.test.acl;
