package io.github.vaultk8s.testapp.web;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.github.vaultk8s.testapp.secret.InvalidSecretNameException;
import io.github.vaultk8s.testapp.secret.SecretNotFoundException;
import io.github.vaultk8s.testapp.secret.SecretVersionGoneException;
import io.github.vaultk8s.testapp.secret.SecretVersionMismatchException;
import io.github.vaultk8s.testapp.secret.VaultAccessDeniedException;
import io.github.vaultk8s.testapp.secret.VaultRejectedRequestException;
import io.github.vaultk8s.testapp.secret.VaultUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become HTTP answers: RFC 9457 problems
 * ({@code application/problem+json}) for the application's own exceptions, Spring MVC's (through
 * {@link ResponseEntityExceptionHandler}) and anything unexpected. Details name secrets and versions;
 * they never carry a value, a token or a stack trace.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

	/** How long clients should wait before retrying when Vault is unavailable and nothing says better. */
	static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

	@ExceptionHandler({ InvalidSecretNameException.class, InvalidRequestException.class })
	ResponseEntity<ProblemDetail> badRequest(RuntimeException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooLarge(RequestBodyTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage(), Map.of("maxBytes", JsonBodyReader.MAX_BODY_BYTES));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(SecretNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> gone(SecretVersionGoneException ex) {
		String state = ex.isDestroyed() ? "destroyed" : "deleted";
		return problem(HttpStatus.GONE, ex.getMessage(), Map.of("version", ex.getVersion(), "state", state));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> preconditionFailed(SecretVersionMismatchException ex) {
		return problem(HttpStatus.PRECONDITION_FAILED, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> forbidden(VaultAccessDeniedException ex) {
		return problem(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(VaultUnavailableException ex) {
		Throwable cause = ex.getCause();
		// The cause's class and message are enough to diagnose (connection refused, sealed, login failed)
		// and, unlike request bodies, never hold secret data.
		log.warn("Vault unavailable: {} ({})", ex.getMessage(),
				(cause != null) ? cause.getClass().getName() + ": " + cause.getMessage() : "no cause");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.getMessage() + " Retry later.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(ex.getRetryAfter()))
			.body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> vaultRejected(VaultRejectedRequestException ex) {
		// A 400 from Vault is about what was sent (e.g. data Vault will not store); anything else is
		// Vault misbehaving, reported as a bad gateway rather than blamed on the caller.
		HttpStatus status = switch (ex.getStatus()) {
			case 400 -> HttpStatus.BAD_REQUEST;
			case 413 -> HttpStatus.CONTENT_TOO_LARGE;
			default -> HttpStatus.BAD_GATEWAY;
		};
		if (status == HttpStatus.BAD_GATEWAY) {
			log.warn("Unexpected answer from Vault: {}", ex.getMessage());
		}
		return problem(status, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		// Messages of unexpected exceptions may quote input (parsers do): log the type and where it was
		// thrown only, and the whole stack trace at debug level for whoever turns it on.
		StackTraceElement[] stack = ex.getStackTrace();
		log.error("Unexpected {} at {} while handling a request", ex.getClass().getName(),
				(stack.length > 0) ? stack[0] : "unknown location");
		log.debug("Unexpected exception", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The request could not be processed.");
	}

	// Retry-After takes whole seconds; never 0, which would invite a tight retry loop.
	private static String retryAfterSeconds(Duration hint) {
		Duration retryAfter = (hint != null) ? hint : DEFAULT_RETRY_AFTER;
		return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return problem(status, detail, Map.of());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail,
			Map<String, Object> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("about:blank"));
		properties.forEach(problem::setProperty);
		return ResponseEntity.status(status).body(problem);
	}

}
