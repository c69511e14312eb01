/**
 * Schema checks: built-in kinds against fabric8's typed model with no unknown fields, custom resources
 * against their upstream CRD's OpenAPI schema with unknown fields rejected.
 */
package io.github.vaultk8s.k8s.check.schema;
