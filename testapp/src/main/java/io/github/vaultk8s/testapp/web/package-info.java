/**
 * The HTTP face of the secrets: {@link SecretsController} (names, headers, status codes), request-body
 * and conditional-header parsing, and {@link ApiProblemHandler}, the one place that turns every failure
 * into an RFC 9457 problem.
 */
package io.github.vaultk8s.testapp.web;
