package io.github.vaultk8s.auth.client;

import java.io.IOException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.vaultk8s.auth.session.ResilientSessionManager;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.vault.client.VaultHttpHeaders;

/**
 * Retries a Vault request once when it was answered {@code 403} and the session finds the token it carried dead
 * (revoked, expired, Vault reset). A 403 for a live token is a policy decision and is returned as is.
 * <p>
 * The interceptor sits in front of Spring Vault's session interceptor, which sets {@code X-Vault-Token}: each
 * attempt gets its own copy of the headers, so the retry carries the new token and the token of the first attempt
 * can be read back. Logins and the session's own token calls are passed through untouched.
 */
public final class ForbiddenTokenRetryInterceptor implements ClientHttpRequestInterceptor {

	private final Supplier<@Nullable ResilientSessionManager> session;

	/**
	 * Create an interceptor.
	 * @param session the session, looked up lazily (the interceptor is built before the session exists)
	 */
	public ForbiddenTokenRetryInterceptor(Supplier<@Nullable ResilientSessionManager> session) {
		this.session = session;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (isSessionInternal(request)) {
			return execution.execute(request, body);
		}
		AttemptRequest first = new AttemptRequest(request);
		ClientHttpResponse response = execution.execute(first, body);
		if (response.getStatusCode().value() != HttpStatus.FORBIDDEN.value()) {
			return response;
		}
		String usedToken = first.getHeaders().getFirst(VaultHttpHeaders.VAULT_TOKEN);
		ResilientSessionManager manager = this.session.get();
		if (usedToken == null || manager == null || !manager.recoverFromForbidden(usedToken)) {
			return response;
		}
		response.close();
		return execution.execute(new AttemptRequest(request), body);
	}

	private static boolean isSessionInternal(HttpRequest request) {
		String path = request.getURI().getPath();
		return path.contains("/auth/token/") || path.endsWith("/login");
	}

	/**
	 * The request with headers of its own, without any token of an earlier attempt.
	 */
	private static final class AttemptRequest extends HttpRequestWrapper {

		private final HttpHeaders headers;

		AttemptRequest(HttpRequest request) {
			super(request);
			this.headers = new HttpHeaders();
			this.headers.putAll(request.getHeaders());
			this.headers.remove(VaultHttpHeaders.VAULT_TOKEN);
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

}
