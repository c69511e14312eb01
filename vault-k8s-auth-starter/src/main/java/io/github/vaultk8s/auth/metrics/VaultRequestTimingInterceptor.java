package io.github.vaultk8s.auth.metrics;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Times every Vault HTTP call as {@code vault.client.requests} with tags {@code method}, {@code path} (the Vault
 * path cut to a bounded shape: {@code auth/kubernetes/login}, {@code auth/token/renew-self}, {@code sys/health},
 * {@code secret/data}, never a secret's name), {@code status} and {@code outcome}. Works for clients built before
 * the {@link MeterRegistry} exists (config data import): the registry is looked up lazily and calls made before it
 * is there are not recorded.
 */
public final class VaultRequestTimingInterceptor implements ClientHttpRequestInterceptor {

	/** The timer's name. */
	public static final String METER_NAME = "vault.client.requests";

	private final Supplier<@Nullable MeterRegistry> registryLookup;

	private volatile @Nullable MeterRegistry registry;

	public VaultRequestTimingInterceptor(Supplier<@Nullable MeterRegistry> registryLookup) {
		this.registryLookup = registryLookup;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		MeterRegistry meterRegistry = this.registry;
		if (meterRegistry == null) {
			meterRegistry = this.registryLookup.get();
			if (meterRegistry == null) {
				return execution.execute(request, body);
			}
			this.registry = meterRegistry;
		}
		Timer.Sample sample = Timer.start(meterRegistry);
		String status = "IO_ERROR";
		try {
			ClientHttpResponse response = execution.execute(request, body);
			status = String.valueOf(response.getStatusCode().value());
			return response;
		}
		finally {
			sample.stop(Timer.builder(METER_NAME)
				.description("Vault HTTP calls")
				.tag("method", request.getMethod().name())
				.tag("path", pathShape(request.getURI().getPath()))
				.tag("status", status)
				.tag("outcome", outcome(status))
				.register(meterRegistry));
		}
	}

	/**
	 * The Vault path (after {@code /v1/}) cut to three segments for {@code auth/}, two otherwise.
	 */
	static String pathShape(@Nullable String path) {
		if (path == null) {
			return "unknown";
		}
		String vaultPath = path.startsWith("/v1/") ? path.substring(4) : path.replaceFirst("^/", "");
		String[] segments = vaultPath.split("/");
		int keep = vaultPath.startsWith("auth/") ? 3 : 2;
		return String.join("/", Arrays.copyOf(segments, Math.min(keep, segments.length)));
	}

	private static String outcome(String status) {
		return switch (status.charAt(0)) {
			case '2', '3' -> "SUCCESS";
			case '4' -> "CLIENT_ERROR";
			case '5' -> "SERVER_ERROR";
			default -> "UNKNOWN";
		};
	}

}
