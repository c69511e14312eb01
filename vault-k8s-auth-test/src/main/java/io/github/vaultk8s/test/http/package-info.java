/**
 * The thin HTTP layer: Vault requests and responses, the JSON envelope and error shape in one place, and
 * the contract every mounted backend implements.
 */
package io.github.vaultk8s.test.http;
