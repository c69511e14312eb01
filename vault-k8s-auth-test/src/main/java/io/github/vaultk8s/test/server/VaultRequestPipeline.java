package io.github.vaultk8s.test.server;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.github.vaultk8s.test.acl.Acl;
import io.github.vaultk8s.test.http.Existence;
import io.github.vaultk8s.test.http.JsonCodec;
import io.github.vaultk8s.test.http.Operation;
import io.github.vaultk8s.test.http.RequestBodies;
import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.http.VaultBackend;
import io.github.vaultk8s.test.http.VaultEnvelope;
import io.github.vaultk8s.test.http.VaultRequest;
import io.github.vaultk8s.test.http.VaultResponse;
import io.github.vaultk8s.test.sys.SystemBackend;
import io.github.vaultk8s.test.token.TokenEntry;

/**
 * Every request through Vault's checks in Vault's order: faults, {@code /v1/} and the health endpoint,
 * method (405), body size (413), PATCH content type (415), JSON (400), seal (503), token and ACL (403, before
 * routing), mount (404), then the backend. Nothing escapes as a stack trace: a real bug is a 500
 * {@code internal error}.
 */
public final class VaultRequestPipeline implements HttpHandler {

	private static final System.Logger LOGGER = System.getLogger(VaultRequestPipeline.class.getName());

	static final String TOKEN_REVIEW_PATH = "/apis/authentication.k8s.io/v1/tokenreviews";

	static final String INVALID_TOKEN = "2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n";

	static final String POLICY_DENIED = "1 error occurred:\n\t* permission denied\n\n";

	private static final String MERGE_PATCH = "application/merge-patch+json";

	private final Supplier<VaultCore> core;

	private final RequestHooks hooks;

	private final long maxRequestSize;

	public VaultRequestPipeline(Supplier<VaultCore> core, RequestHooks hooks, long maxRequestSize) {
		this.core = core;
		this.hooks = hooks;
		this.maxRequestSize = maxRequestSize;
	}

	/**
	 * Whether the request can be answered without blocking: no body to read, no injected latency, no
	 * login (which calls TokenReview on this same server).
	 */
	public boolean answersQuickly(HttpExchange exchange) {
		String method = exchange.getRequestMethod();
		if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("LIST")) {
			return false;
		}
		String length = exchange.getRequestHeaders().getFirst("Content-Length");
		if ((length != null && !length.equals("0")) || exchange.getRequestHeaders().containsKey("Transfer-encoding")) {
			return false;
		}
		Duration latency = this.hooks.latency();
		return latency.isZero() && !exchange.getRequestURI().getPath().endsWith("/login");
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try {
			process(exchange);
		}
		catch (VaultApiError error) {
			VaultEnvelope.writeError(exchange, error);
		}
		catch (IOException ex) {
			// The client went away; nothing to answer.
		}
		catch (RuntimeException | Error ex) {
			LOGGER.log(System.Logger.Level.WARNING, "Stand-in bug while answering " + exchange.getRequestMethod()
					+ " " + exchange.getRequestURI().getPath(), ex);
			try {
				VaultEnvelope.writeErrors(exchange, 500, List.of("internal error"));
			}
			catch (IOException | RuntimeException alreadyAnswered) {
				// Headers already went out; the connection is closed below.
			}
		}
		finally {
			exchange.close();
		}
	}

	private void process(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
		String path = exchange.getRequestURI().getPath();
		this.hooks.received(method, path);
		VaultCore core = this.core.get();
		if (path.equals(TOKEN_REVIEW_PATH)) {
			core.serviceAccountTokens().tokenReviewHandler().handle(exchange);
			return;
		}
		applyFaults();
		if (!path.startsWith("/v1/")) {
			throw VaultApiError.notFound();
		}
		String vaultPath = path.substring(4);
		Map<String, Object> query = parseQuery(exchange.getRequestURI().getRawQuery());
		if (vaultPath.equals("sys/health")) {
			boolean head = method.equals("HEAD");
			if (!head && !method.equals("GET")) {
				throw new VaultApiError(405, List.of());
			}
			VaultResponse health = core.health().health(asStrings(query));
			VaultEnvelope.write(exchange, health, "system", head);
			return;
		}
		boolean listQuery = method.equals("GET") && listParameter(query.remove("list"));
		Operation operation = Operation.forMethod(method, listQuery);
		if (operation == null) {
			throw new VaultApiError(405, List.of());
		}
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		Map<String, Object> data = query;
		if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
			if (operation == Operation.PATCH) {
				checkMergePatch(contentType);
			}
			byte[] body = RequestBodies.read(exchange.getRequestBody(), contentLength(exchange), this.maxRequestSize);
			data = JsonCodec.readBody(body);
		}
		if (operation == Operation.LIST && !vaultPath.endsWith("/")) {
			vaultPath = vaultPath + "/";
		}
		if (core.seal().isSealed() && !SystemBackend.availableWhileSealed(vaultPath)) {
			throw VaultApiError.of(503, "Vault is sealed");
		}
		String token = token(exchange);
		String remoteAddress = exchange.getRemoteAddress().getAddress().getHostAddress();
		VaultRequest request = new VaultRequest(operation, vaultPath, data, token, remoteAddress, contentType);
		Mount mount = core.route(vaultPath);
		VaultRequest inMount = (mount != null) ? request.relativeTo(mount.prefix()) : null;
		VaultBackend backend = (mount != null) ? mount.backend() : null;
		if (operation == Operation.UPDATE && backend != null
				&& backend.existence(inMount) == Existence.MISSING) {
			operation = Operation.CREATE;
			inMount = inMount.withOperation(operation);
		}
		if (backend == null || !backend.isUnauthenticated(inMount.path())) {
			authorize(core, operation, vaultPath, token, backend, inMount);
		}
		if (backend == null) {
			throw VaultApiError.of(404, "no handler for route \"" + vaultPath + "\". route entry not found.");
		}
		VaultResponse response = backend.handle(inMount);
		VaultEnvelope.write(exchange, response, backend.mountType(), false);
	}

	private void authorize(VaultCore core, Operation operation, String vaultPath, String token, VaultBackend backend,
			VaultRequest inMount) {
		if (token == null || token.isEmpty()) {
			throw VaultApiError.permissionDenied();
		}
		Optional<TokenEntry> entry = core.tokens().lookup(token);
		if (entry.isEmpty()) {
			throw VaultApiError.of(403, INVALID_TOKEN);
		}
		if (backend != null && backend.isOpenToAnyToken(inMount.path())) {
			return;
		}
		Acl acl = core.policies().aclFor(entry.get().policies());
		if (!acl.allows(operation, vaultPath)) {
			throw VaultApiError.of(403, POLICY_DENIED);
		}
		if (backend != null && backend.requiresSudo(inMount.path()) && !acl.allowsSudo(vaultPath)) {
			throw VaultApiError.of(403, POLICY_DENIED);
		}
	}

	private void applyFaults() {
		Duration latency = this.hooks.latency();
		if (!latency.isZero() && !latency.isNegative()) {
			try {
				Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		int status = this.hooks.takeInjectedFailure();
		if (status != 0) {
			throw VaultApiError.of(status, "injected fault");
		}
	}

	/** Go's {@code mime.ParseMediaType} then an exact match, as Vault checks PATCH bodies. */
	private static void checkMergePatch(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			throw VaultApiError.badRequest("mime: no media type");
		}
		String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		if (mediaType.isEmpty()) {
			throw VaultApiError.badRequest("mime: no media type");
		}
		if (!mediaType.equals(MERGE_PATCH)) {
			throw VaultApiError.of(415, "PATCH requires Content-Type of " + MERGE_PATCH + ", provided " + mediaType);
		}
	}

	private static String token(HttpExchange exchange) {
		String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
		if (token != null && !token.isEmpty()) {
			return token;
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).trim();
		}
		return null;
	}

	private static long contentLength(HttpExchange exchange) {
		String value = exchange.getRequestHeaders().getFirst("Content-Length");
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static Map<String, Object> parseQuery(String rawQuery) {
		Map<String, Object> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			query.putIfAbsent(name, value);
		}
		return query;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	private static Map<String, String> asStrings(Map<String, Object> query) {
		Map<String, String> strings = new HashMap<>();
		query.forEach((name, value) -> strings.put(name, String.valueOf(value)));
		return strings;
	}

	/** Go's {@code strconv.ParseBool}, as Vault reads {@code ?list=}; anything else is a bare 400. */
	private static boolean listParameter(Object value) {
		if (value == null || value.toString().isEmpty()) {
			return false;
		}
		return switch (value.toString()) {
			case "1", "t", "T", "true", "TRUE", "True" -> true;
			case "0", "f", "F", "false", "FALSE", "False" -> false;
			default -> throw new VaultApiError(400, List.of());
		};
	}

}
