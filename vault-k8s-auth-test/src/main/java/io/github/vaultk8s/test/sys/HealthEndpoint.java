package io.github.vaultk8s.test.sys;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.http.VaultResponse;

/**
 * {@code GET|HEAD /v1/sys/health}: a raw JSON body (no envelope) and a status code chosen by the node's
 * state and the query's overrides, in Vault's precedence (uninitialized, sealed, DR secondary,
 * performance standby, standby, active). The stand-in is always an initialized active node.
 */
public final class HealthEndpoint {

	/** Vault logs the reason and answers {@code respondError(w, 400, nil)}: no message in the body. */
	private static final VaultApiError BAD_VALUE = new VaultApiError(400, java.util.List.of());

	private final SealState seal;

	private final Clock clock;

	public HealthEndpoint(SealState seal, Clock clock) {
		this.seal = seal;
		this.clock = clock;
	}

	public VaultResponse health(Map<String, String> query) {
		// Every flag and code is validated even when it cannot apply, as Vault parses them all up front.
		parseBool(query, "standbyok");
		parseBool(query, "perfstandbyok");
		int activeCode = parseCode(query, "activecode", 200);
		parseCode(query, "standbycode", 429);
		parseCode(query, "drsecondarycode", 472);
		parseCode(query, "performancestandbycode", 473);
		int sealedCode = parseCode(query, "sealedcode", 503);
		parseCode(query, "uninitcode", 501);
		parseCode(query, "removedcode", 530);
		parseCode(query, "haunhealthycode", 474);
		boolean sealed = this.seal.isSealed();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("initialized", true);
		body.put("sealed", sealed);
		body.put("standby", sealed);
		body.put("performance_standby", false);
		body.put("replication_performance_mode", "disabled");
		body.put("replication_dr_mode", "disabled");
		body.put("server_time_utc", this.clock.instant().getEpochSecond());
		body.put("version", VaultVersion.VERSION);
		body.put("enterprise", false);
		if (!sealed) {
			body.put("cluster_name", this.seal.clusterName());
			body.put("cluster_id", this.seal.clusterId());
		}
		body.put("echo_duration_ms", 0);
		body.put("clock_skew_ms", 0);
		body.put("removed_from_cluster", false);
		return VaultResponse.raw(sealed ? sealedCode : activeCode, body);
	}

	private static void parseBool(Map<String, String> query, String name) {
		String value = query.get(name);
		if (value == null) {
			return;
		}
		switch (value) {
			case "", "1", "t", "T", "true", "TRUE", "True", "0", "f", "F", "false", "FALSE", "False" -> {
			}
			default -> throw BAD_VALUE;
		}
	}

	private static int parseCode(Map<String, String> query, String name, int fallback) {
		String value = query.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			int code = Integer.parseInt(value);
			if (code < 100 || code > 999) {
				throw BAD_VALUE;
			}
			return code;
		}
		catch (NumberFormatException ex) {
			throw BAD_VALUE;
		}
	}


}
