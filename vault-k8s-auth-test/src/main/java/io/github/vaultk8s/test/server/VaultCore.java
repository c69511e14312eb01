package io.github.vaultk8s.test.server;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vaultk8s.test.acl.PolicyStore;
import io.github.vaultk8s.test.kubernetes.KubernetesAuthMethod;
import io.github.vaultk8s.test.kubernetes.ServiceAccountTokens;
import io.github.vaultk8s.test.kv.KvV2Backend;
import io.github.vaultk8s.test.kv.KvV2Store;
import io.github.vaultk8s.test.sys.HealthEndpoint;
import io.github.vaultk8s.test.sys.SealState;
import io.github.vaultk8s.test.sys.SystemBackend;
import io.github.vaultk8s.test.token.TokenBackend;
import io.github.vaultk8s.test.token.TokenStore;

/**
 * Everything one Vault "process" holds: seal state, policies, tokens, the mounts and the little
 * Kubernetes it answers TokenReview for. A restart without state is a new core.
 */
public final class VaultCore {

	private final Clock clock;

	private final SealState seal = new SealState();

	private final PolicyStore policies = new PolicyStore();

	private final TokenStore tokens;

	private final KvV2Store kv;

	private final ServiceAccountTokens serviceAccountTokens;

	private final KubernetesAuthMethod kubernetesAuth;

	private final HealthEndpoint health;

	private final List<Mount> mounts;

	public VaultCore(Clock clock, String rootToken) {
		this.clock = clock;
		this.tokens = new TokenStore(clock);
		this.kv = new KvV2Store(clock);
		this.serviceAccountTokens = new ServiceAccountTokens(clock);
		this.kubernetesAuth = new KubernetesAuthMethod(this.tokens, clock);
		this.health = new HealthEndpoint(this.seal, clock);
		this.tokens.createRoot(rootToken);
		this.mounts = List.of(new Mount("sys/", new SystemBackend(this.seal, this.policies, this::describeMount)),
				new Mount("auth/token/", new TokenBackend(this.tokens)),
				new Mount("auth/kubernetes/", new KubernetesAuthBackend(this.kubernetesAuth)),
				new Mount("secret/", new KvV2Backend(this.kv)))
			.stream()
			.sorted(Comparator.comparingInt((Mount mount) -> mount.prefix().length()).reversed())
			.toList();
	}

	/** The mount serving a path, or {@code null} ({@code no handler for route}). */
	Mount route(String path) {
		for (Mount mount : this.mounts) {
			if (path.startsWith(mount.prefix())) {
				return mount;
			}
		}
		return null;
	}

	/** {@code sys/internal/ui/mounts/:path}: the mount serving a path, as the Vault CLI reads it. */
	Map<String, Object> describeMount(String path) {
		Mount mount = route(path.endsWith("/") ? path : path + "/");
		if (mount == null || mount.prefix().equals("sys/")) {
			return null;
		}
		String type = mount.backend().mountType();
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("accessor", type + "_" + Integer.toHexString(mount.prefix().hashCode()));
		description.put("config", Map.of("default_lease_ttl", 0, "force_no_cache", false, "max_lease_ttl", 0));
		description.put("description", "");
		description.put("external_entropy_access", false);
		description.put("local", false);
		description.put("options", type.equals("kv") ? Map.of("version", "2") : null);
		description.put("path", mount.prefix().startsWith("auth/") ? mount.prefix().substring(5) : mount.prefix());
		description.put("seal_wrap", false);
		description.put("type", type);
		description.put("uuid", java.util.UUID.nameUUIDFromBytes(mount.prefix().getBytes()).toString());
		return description;
	}

	public Clock clock() {
		return this.clock;
	}

	public SealState seal() {
		return this.seal;
	}

	public PolicyStore policies() {
		return this.policies;
	}

	public TokenStore tokens() {
		return this.tokens;
	}

	public KvV2Store kv() {
		return this.kv;
	}

	public ServiceAccountTokens serviceAccountTokens() {
		return this.serviceAccountTokens;
	}

	public KubernetesAuthMethod kubernetesAuth() {
		return this.kubernetesAuth;
	}

	HealthEndpoint health() {
		return this.health;
	}

}
