package io.github.vaultk8s.auth.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.vault.client.RestTemplateBuilder;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.client.VaultHttpHeaders;
import org.springframework.web.client.RestTemplate;

/**
 * A scripted Vault HTTP endpoint for unit tests: every request is recorded and answered by a handler.
 */
public final class FakeVaultHttp implements ClientHttpRequestFactory {

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private volatile Function<Call, ClientHttpResponse> handler = (call) -> respond(HttpStatus.NOT_FOUND,
			"{\"errors\":[]}");

	/**
	 * A recorded request.
	 */
	public record Call(HttpMethod method, String path, String token, String body) {
	}

	public void handler(Function<Call, ClientHttpResponse> handler) {
		this.handler = handler;
	}

	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

	public long count(String method, String path) {
		return this.calls.stream().filter((c) -> c.method().name().equals(method) && c.path().equals(path)).count();
	}

	public RestTemplate restTemplate() {
		return RestTemplateBuilder.builder().endpoint(VaultEndpoint.create("localhost", 8200)).requestFactory(this)
			.build();
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new MockClientHttpRequest(httpMethod, uri) {
			@Override
			protected ClientHttpResponse executeInternal() throws IOException {
				String token = getHeaders().getFirst(VaultHttpHeaders.VAULT_TOKEN);
				Call call = new Call(httpMethod, uri.getPath(), token, getBodyAsString(StandardCharsets.UTF_8));
				FakeVaultHttp.this.calls.add(call);
				return FakeVaultHttp.this.handler.apply(call);
			}
		};
	}

	public static ClientHttpResponse respond(HttpStatus status, String json) {
		MockClientHttpResponse response = new MockClientHttpResponse(json.getBytes(StandardCharsets.UTF_8), status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return response;
	}

	public static ClientHttpResponse auth(String token, long ttlSeconds, boolean renewable) {
		return respond(HttpStatus.OK, "{\"auth\":{\"client_token\":\"" + token + "\",\"accessor\":\"acc-" + token
				+ "\",\"lease_duration\":" + ttlSeconds + ",\"renewable\":" + renewable
				+ ",\"token_type\":\"service\",\"policies\":[\"default\"]}}");
	}

}
