package io.github.vaultk8s.test.sys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.vaultk8s.test.acl.Policy;
import io.github.vaultk8s.test.acl.PolicyStore;
import io.github.vaultk8s.test.http.Existence;
import io.github.vaultk8s.test.http.Operation;
import io.github.vaultk8s.test.http.RequestFields;
import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.http.VaultBackend;
import io.github.vaultk8s.test.http.VaultRequest;
import io.github.vaultk8s.test.http.VaultResponse;

/**
 * {@code sys/}: seal status, seal and unseal, and ACL policy CRUD ({@code sys/policies/acl}). Health is
 * answered before the router by {@link HealthEndpoint}.
 */
public final class SystemBackend implements VaultBackend {

	private static final String POLICIES = "policies/acl/";

	private static final String UI_MOUNTS = "internal/ui/mounts/";

	private final SealState seal;

	private final PolicyStore policies;

	private final Function<String, Map<String, Object>> mountDescriptions;

	/**
	 * @param mountDescriptions what {@code sys/internal/ui/mounts/:path} says about the mount serving a path,
	 * {@code null} when nothing is mounted there
	 */
	public SystemBackend(SealState seal, PolicyStore policies,
			Function<String, Map<String, Object>> mountDescriptions) {
		this.seal = seal;
		this.policies = policies;
		this.mountDescriptions = mountDescriptions;
	}

	@Override
	public String mountType() {
		return "system";
	}

	/** Paths that answer while sealed; everything else is 503 {@code Vault is sealed}. */
	public static boolean availableWhileSealed(String path) {
		return path.equals("sys/seal-status") || path.equals("sys/unseal") || path.equals("sys/health");
	}

	@Override
	public boolean isUnauthenticated(String path) {
		return path.equals("seal-status") || path.equals("unseal") || path.equals("health");
	}

	/** The Vault CLI asks here which KV version a path has before {@code vault kv get}. */
	@Override
	public boolean isOpenToAnyToken(String path) {
		return path.startsWith(UI_MOUNTS);
	}

	@Override
	public boolean requiresSudo(String path) {
		return path.equals("seal");
	}

	@Override
	public Existence existence(VaultRequest request) {
		if (request.path().startsWith(POLICIES) && request.path().length() > POLICIES.length()) {
			String name = request.path().substring(POLICIES.length());
			return this.policies.read(name).isPresent() ? Existence.EXISTS : Existence.MISSING;
		}
		return Existence.UNSUPPORTED;
	}

	@Override
	public VaultResponse handle(VaultRequest request) {
		String path = request.path();
		Operation operation = request.operation();
		boolean write = operation == Operation.UPDATE || operation == Operation.CREATE;
		if (path.equals("seal-status")) {
			requireOperation(operation == Operation.READ);
			return VaultResponse.raw(200, sealStatus());
		}
		if (path.equals("seal")) {
			requireOperation(write);
			this.seal.seal();
			return VaultResponse.noContent();
		}
		if (path.equals("unseal")) {
			requireOperation(write);
			return unseal(new RequestFields(request.data()));
		}
		if (path.startsWith(UI_MOUNTS)) {
			requireOperation(operation == Operation.READ);
			Map<String, Object> mount = this.mountDescriptions.apply(path.substring(UI_MOUNTS.length()));
			if (mount == null) {
				throw VaultApiError.badRequest("no mount found for path");
			}
			return VaultResponse.data(mount);
		}
		if (path.equals("policies/acl/") || path.equals("policies/acl")) {
			requireOperation(operation == Operation.LIST);
			return VaultResponse.data(Map.of("keys", this.policies.names(), "policies", this.policies.names()));
		}
		if (path.startsWith(POLICIES)) {
			return policy(request, path.substring(POLICIES.length()), write);
		}
		throw VaultApiError.of(404, "unsupported path");
	}

	private VaultResponse policy(VaultRequest request, String name, boolean write) {
		Operation operation = request.operation();
		if (operation == Operation.READ) {
			Policy policy = this.policies.read(name).orElseThrow(VaultApiError::notFound);
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("name", policy.name());
			data.put("policy", policy.text());
			return VaultResponse.data(data);
		}
		if (write) {
			RequestFields fields = new RequestFields(request.data());
			String text = fields.string("policy", "");
			if (text.isEmpty()) {
				throw VaultApiError.badRequest("'policy' parameter not supplied or empty");
			}
			try {
				this.policies.write(name, decodeIfBase64(text));
			}
			catch (IllegalArgumentException ex) {
				throw VaultApiError.badRequest(ex.getMessage());
			}
			return VaultResponse.noContent()
				.withIgnoredParametersWarning(request.unknownParametersWarning(Set.of("policy", "name")));
		}
		if (operation == Operation.DELETE) {
			try {
				this.policies.delete(name);
			}
			catch (IllegalArgumentException ex) {
				throw VaultApiError.badRequest(ex.getMessage());
			}
			return VaultResponse.noContent();
		}
		throw VaultApiError.of(405, "unsupported operation");
	}

	/** Vault accepts the policy text base64-encoded too. */
	private static String decodeIfBase64(String text) {
		try {
			byte[] decoded = Base64.getDecoder().decode(text);
			return new String(decoded, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	private VaultResponse unseal(RequestFields fields) {
		boolean reset = fields.bool("reset", false);
		String key = fields.string("key", "");
		if (key.isEmpty() && !reset) {
			throw VaultApiError.badRequest("'key' must be specified in request body as JSON, or 'reset' set to true");
		}
		if (!key.isEmpty()) {
			boolean unsealed;
			try {
				unsealed = this.seal.unseal(key);
			}
			catch (IllegalArgumentException ex) {
				throw VaultApiError.badRequest(ex.getMessage());
			}
			if (!unsealed && this.seal.isSealed()) {
				throw VaultApiError.badRequest("Unseal failed, invalid key");
			}
		}
		return VaultResponse.raw(200, sealStatus());
	}

	/** The {@code sys/seal-status} body, also what {@code sys/unseal} answers. */
	public Map<String, Object> sealStatus() {
		boolean sealed = this.seal.isSealed();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "shamir");
		body.put("initialized", true);
		body.put("sealed", sealed);
		body.put("t", 1);
		body.put("n", 1);
		body.put("progress", 0);
		body.put("nonce", "");
		body.put("version", VaultVersion.VERSION);
		body.put("build_date", VaultVersion.BUILD_DATE);
		body.put("migration", false);
		if (!sealed) {
			body.put("cluster_name", this.seal.clusterName());
			body.put("cluster_id", this.seal.clusterId());
		}
		body.put("recovery_seal", false);
		body.put("storage_type", "inmem");
		body.put("removed_from_cluster", false);
		return body;
	}

	private static void requireOperation(boolean supported) {
		if (!supported) {
			throw VaultApiError.of(405, "unsupported operation");
		}
	}

}
