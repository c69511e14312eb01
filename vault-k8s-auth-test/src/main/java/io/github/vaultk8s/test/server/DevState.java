package io.github.vaultk8s.test.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code vault server -dev} has (KV v2 at {@code secret/}, unsealed) plus our seed: Kubernetes auth
 * configured against the stand-in's own TokenReview endpoint, the {@code testapp-kv-crud} policy and the
 * {@code testapp} role for service account {@code default/testapp}, audience {@code vault}.
 */
public final class DevState {

	public static final String NAMESPACE = "default";

	public static final String SERVICE_ACCOUNT = "testapp";

	public static final String AUDIENCE = "vault";

	public static final String ROLE = "testapp";

	public static final String POLICY = "testapp-kv-crud";

	/** Projected service-account tokens default to one hour in Kubernetes. */
	public static final Duration SERVICE_ACCOUNT_TOKEN_TTL = Duration.ofHours(1);

	/** CRUD on {@code secret/testapp} and below, and nothing else ({@code testapp*} would match testapp2). */
	public static final String POLICY_HCL = """
			path "secret/data/testapp"       { capabilities = ["create","read","update","patch","delete"] }
			path "secret/data/testapp/*"     { capabilities = ["create","read","update","patch","delete"] }
			path "secret/metadata/testapp"   { capabilities = ["read","update","patch","delete"] }
			path "secret/metadata/testapp/*" { capabilities = ["read","update","patch","delete","list"] }
			path "secret/delete/testapp/*"   { capabilities = ["update"] }
			path "secret/undelete/testapp/*" { capabilities = ["update"] }
			path "secret/destroy/testapp/*"  { capabilities = ["update"] }
			""";

	private final Duration tokenTtl;

	private final Duration tokenMaxTtl;

	private final String caPem;

	/**
	 * @param caPem the CA the TokenReview client must trust when the stand-in serves TLS, else {@code null}
	 */
	public DevState(Duration tokenTtl, Duration tokenMaxTtl, String caPem) {
		this.tokenTtl = tokenTtl;
		this.tokenMaxTtl = tokenMaxTtl;
		this.caPem = caPem;
	}

	/** Seeds a fresh core; {@code kubernetesHost} is the base URL of its own TokenReview endpoint. */
	public void apply(VaultCore core, String kubernetesHost) {
		core.policies().write(POLICY, POLICY_HCL);
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("kubernetes_host", kubernetesHost);
		config.put("token_reviewer_jwt", core.serviceAccountTokens().reviewerToken());
		config.put("disable_local_ca_jwt", true);
		if (this.caPem != null) {
			config.put("kubernetes_ca_cert", this.caPem);
		}
		core.kubernetesAuth().writeConfig(config);
		Map<String, Object> role = new LinkedHashMap<>();
		role.put("bound_service_account_names", List.of(SERVICE_ACCOUNT));
		role.put("bound_service_account_namespaces", List.of(NAMESPACE));
		role.put("audience", AUDIENCE);
		role.put("token_policies", List.of(POLICY));
		role.put("token_ttl", this.tokenTtl.toSeconds());
		role.put("token_max_ttl", this.tokenMaxTtl.toSeconds());
		core.kubernetesAuth().writeRole(ROLE, role);
	}

}
