package io.github.vaultk8s.test.server;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

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
		this.mounts = List.of(new Mount("sys/", new SystemBackend(this.seal, this.policies)),
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
