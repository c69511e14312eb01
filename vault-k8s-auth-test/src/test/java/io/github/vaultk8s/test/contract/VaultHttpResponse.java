package io.github.vaultk8s.test.contract;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * One answer from Vault: status, headers, raw body and, when the body is JSON, its tree.
 */
record VaultHttpResponse(int status, HttpHeaders headers, String body, JsonNode json) {

	static VaultHttpResponse of(int status, HttpHeaders headers, String body, JsonMapper mapper) {
		JsonNode json = MissingNode.getInstance();
		if (!body.isBlank()) {
			try {
				json = mapper.readTree(body);
			}
			catch (RuntimeException ex) {
				// Not JSON: tests that care look at body().
			}
		}
		return new VaultHttpResponse(status, headers, body, json);
	}

	/** The {@code data} object of the envelope. */
	JsonNode data() {
		return this.json.path("data");
	}

	/** The {@code auth} object of the envelope. */
	JsonNode auth() {
		return this.json.path("auth");
	}

	/** The {@code errors} list as strings; empty when absent. */
	List<String> errors() {
		return strings(this.json.path("errors"));
	}

	/** The {@code warnings} list as strings; empty when absent or null. */
	List<String> warnings() {
		return strings(this.json.path("warnings"));
	}

	String header(String name) {
		return this.headers.firstValue(name).orElse(null);
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		if (array.isArray()) {
			array.forEach((value) -> values.add(value.asString()));
		}
		return values;
	}

	@Override
	public String toString() {
		return this.status + " " + this.body;
	}

}
