package io.github.vaultk8s.test.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.vaultk8s.test.token.TokenIssuer;
import io.github.vaultk8s.test.token.TokenRequest;

/** A token issuer that records what it was asked to issue and answers a recognisable auth block. */
final class RecordingTokenIssuer implements TokenIssuer {

	private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();

	@Override
	public Map<String, Object> issue(TokenRequest request) {
		this.requests.add(request);
		return Map.of("client_token", "hvs.issued-" + this.requests.size(), "metadata", request.metadata());
	}

	List<TokenRequest> requests() {
		return this.requests;
	}

	TokenRequest onlyRequest() {
		if (this.requests.size() != 1) {
			throw new AssertionError("expected exactly one issued token, got " + this.requests.size());
		}
		return this.requests.get(0);
	}

}
