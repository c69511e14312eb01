package io.github.vaultk8s.test.testcontainers;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.rnorth.ducttape.unreliables.Unreliables;
import org.testcontainers.containers.Network;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.vault.VaultContainer;

import io.github.vaultk8s.test.server.DevState;

/**
 * A real Vault dev server and a K3s cluster on one Docker network, Vault reaching the Kubernetes API as
 * {@value #KUBERNETES_HOST}. It exposes the facts a test needs to point Vault's Kubernetes auth method at
 * K3s ({@link #kubernetesAuthConfig()}) and to log in ({@link #mintServiceAccountToken}), mirroring what
 * {@code EmbeddedVault} offers in-JVM.
 * <p>
 * {@link #start()} configures nothing inside Vault (dev mode only mounts KV v2 at {@code secret/}): tests
 * that set Vault up themselves over HTTP ({@code POST /v1/sys/auth/kubernetes {"type":"kubernetes"}}, then
 * {@code auth/kubernetes/config} with {@link #kubernetesAuthConfig()}) run the same setup as against the
 * stand-in. Tests that want the stand-in's ready-made dev state call {@link #applyDevState}.
 */
public final class VaultWithK3s implements Startable {

	/** The Vault release the contract suite pins. */
	public static final DockerImageName VAULT_IMAGE = DockerImageName.parse("hashicorp/vault:1.21.4");

	/** The K3s release the contract suite pins. */
	public static final DockerImageName K3S_IMAGE = DockerImageName.parse("rancher/k3s:v1.34.1-k3s1");

	/** The network alias of the K3s container, also put in its serving certificate. */
	public static final String K3S_ALIAS = "k3s";

	/** The Kubernetes API address as Vault sees it from inside the network. */
	public static final String KUBERNETES_HOST = "https://" + K3S_ALIAS + ":6443";

	/** The service account Vault uses for TokenReview, bound to {@code system:auth-delegator}. */
	public static final String REVIEWER_NAMESPACE = "kube-system";

	public static final String REVIEWER_SERVICE_ACCOUNT = "vault-token-reviewer";

	// Kubernetes refuses TokenRequests shorter than ten minutes.
	private static final Duration MIN_TOKEN_TTL = Duration.ofMinutes(10);

	private static final Duration REVIEWER_TOKEN_TTL = Duration.ofHours(12);

	private static final Duration KV_UPGRADE_TIMEOUT = Duration.ofSeconds(60);

	private static final Pattern UNSEAL_KEY = Pattern.compile("Unseal Key: (\\S+)");

	private final String rootToken;

	private final Network network;

	private final K3sContainer k3s;

	private final VaultContainer<?> vault;

	private KubernetesClient kubernetes;

	private String kubernetesCaPem;

	private String reviewerJwt;

	public VaultWithK3s() {
		this(VAULT_IMAGE, K3S_IMAGE, "root");
	}

	public VaultWithK3s(DockerImageName vaultImage, DockerImageName k3sImage, String rootToken) {
		this.rootToken = Objects.requireNonNull(rootToken, "rootToken");
		this.network = Network.newNetwork();
		this.k3s = new K3sContainer(k3sImage).withNetwork(this.network).withNetworkAliases(K3S_ALIAS);
		// Vault verifies the API server's certificate against the K3s CA, so the alias must be a SAN.
		this.k3s.withCommand("server", "--disable=traefik", "--tls-san=" + this.k3s.getHost(),
				"--tls-san=" + K3S_ALIAS);
		this.vault = new VaultContainer<>(vaultImage).withNetwork(this.network)
			.withNetworkAliases("vault")
			.withVaultToken(rootToken);
	}

	@Override
	public void start() {
		this.k3s.start();
		this.vault.start();
		String kubeconfig = this.k3s.getKubeConfigYaml();
		Config config = Config.fromKubeconfig(kubeconfig);
		this.kubernetesCaPem = new String(Base64.getDecoder().decode(config.getCaCertData()),
				StandardCharsets.UTF_8);
		this.kubernetes = new KubernetesClientBuilder().withConfig(config).build();
		this.reviewerJwt = createTokenReviewer();
	}

	@Override
	public void stop() {
		if (this.kubernetes != null) {
			this.kubernetes.close();
		}
		this.vault.stop();
		this.k3s.stop();
		this.network.close();
	}

	/** Vault's address as seen from the test JVM, e.g. {@code http://localhost:32771}. */
	public URI uri() {
		return URI.create(this.vault.getHttpHostAddress());
	}

	public String rootToken() {
		return this.rootToken;
	}

	/**
	 * The dev server's unseal key, read from its start-up banner: real dev Vault can be sealed with
	 * {@code PUT /v1/sys/seal} and unsealed again with this key.
	 */
	public String unsealKey() {
		Matcher matcher = UNSEAL_KEY.matcher(this.vault.getLogs());
		if (!matcher.find()) {
			throw new IllegalStateException("Vault dev server printed no unseal key");
		}
		return matcher.group(1);
	}

	/** The Kubernetes API address for Vault's config, {@value #KUBERNETES_HOST}. */
	public String kubernetesHost() {
		return KUBERNETES_HOST;
	}

	/** The K3s cluster CA, PEM. */
	public String kubernetesCaPem() {
		return this.kubernetesCaPem;
	}

	/** A JWT of {@value #REVIEWER_SERVICE_ACCOUNT}, allowed to create TokenReviews. */
	public String reviewerJwt() {
		return this.reviewerJwt;
	}

	/**
	 * The body for {@code POST /v1/auth/kubernetes/config}: the in-network host, the K3s CA, the reviewer
	 * JWT, and {@code disable_local_ca_jwt=true} (Vault does not run in a pod, so it has no pod CA to read).
	 */
	public Map<String, Object> kubernetesAuthConfig() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kubernetes_host", KUBERNETES_HOST);
		body.put("kubernetes_ca_cert", this.kubernetesCaPem);
		body.put("token_reviewer_jwt", this.reviewerJwt);
		body.put("disable_local_ca_jwt", true);
		return body;
	}

	/**
	 * A projected service-account JWT from the real API server (a TokenRequest), creating the namespace
	 * and the service account if needed. Kubernetes gives at least ten minutes, whatever {@code ttl} asks.
	 */
	public String mintServiceAccountToken(String namespace, String serviceAccount, String audience,
			Duration ttl) {
		ensureServiceAccount(namespace, serviceAccount);
		long seconds = Math.max(ttl.toSeconds(), MIN_TOKEN_TTL.toSeconds());
		TokenRequest request = new TokenRequestBuilder().withNewSpec()
			.withAudiences((audience != null) ? List.of(audience) : List.of())
			.withExpirationSeconds(seconds)
			.endSpec()
			.build();
		return this.kubernetes.serviceAccounts()
			.inNamespace(namespace)
			.withName(serviceAccount)
			.tokenRequest(request)
			.getStatus()
			.getToken();
	}

	/**
	 * Makes real Vault look like the stand-in's dev state: Kubernetes auth enabled at {@code auth/kubernetes}
	 * and pointed at K3s, the {@value DevState#POLICY} policy, and role {@value DevState#ROLE} for
	 * {@code default/testapp}, audience {@code vault}. Waits until KV v2 at {@code secret/} has finished its
	 * post-mount upgrade. Call after {@link #start()}; calling again rewrites the same state.
	 * @param tokenTtl the role's token TTL
	 * @param tokenMaxTtl the role's token max TTL
	 */
	public VaultWithK3s applyDevState(Duration tokenTtl, Duration tokenMaxTtl) {
		VaultRootRequests vaultApi = new VaultRootRequests(uri(), this.rootToken);
		if (!vaultApi.send("GET", "sys/auth", null).body().contains("\"kubernetes/\"")) {
			vaultApi.expectSuccess("POST", "sys/auth/kubernetes", Map.of("type", "kubernetes"));
		}
		vaultApi.expectSuccess("POST", "auth/kubernetes/config", kubernetesAuthConfig());
		vaultApi.expectSuccess("PUT", "sys/policies/acl/" + DevState.POLICY, Map.of("policy", DevState.POLICY_HCL));
		vaultApi.expectSuccess("POST", "auth/kubernetes/role/" + DevState.ROLE,
				Map.of("bound_service_account_names", List.of(DevState.SERVICE_ACCOUNT),
						"bound_service_account_namespaces", List.of(DevState.NAMESPACE), "audience", DevState.AUDIENCE,
						"token_policies", List.of(DevState.POLICY), "token_ttl", tokenTtl.toSeconds(), "token_max_ttl",
						tokenMaxTtl.toSeconds()));
		ensureServiceAccount(DevState.NAMESPACE, DevState.SERVICE_ACCOUNT);
		awaitKvReady(vaultApi);
		return this;
	}

	/** A client for the K3s API, authenticated as cluster admin. */
	public KubernetesClient kubernetesClient() {
		return this.kubernetes;
	}

	public VaultContainer<?> vaultContainer() {
		return this.vault;
	}

	public K3sContainer k3sContainer() {
		return this.k3s;
	}

	// Right after mounting, KV v2 answers 400 "Upgrading from non-versioned to versioned data" for a moment.
	private static void awaitKvReady(VaultRootRequests vaultApi) {
		Unreliables.retryUntilTrue((int) KV_UPGRADE_TIMEOUT.toSeconds(), TimeUnit.SECONDS,
				() -> vaultApi.send("GET", "secret/config", null).statusCode() == 200);
	}

	private String createTokenReviewer() {
		ensureServiceAccount(REVIEWER_NAMESPACE, REVIEWER_SERVICE_ACCOUNT);
		this.kubernetes.rbac()
			.clusterRoleBindings()
			.resource(new ClusterRoleBindingBuilder().withNewMetadata()
				.withName(REVIEWER_SERVICE_ACCOUNT + "-auth-delegator")
				.endMetadata()
				.withNewRoleRef()
				.withApiGroup("rbac.authorization.k8s.io")
				.withKind("ClusterRole")
				.withName("system:auth-delegator")
				.endRoleRef()
				.addNewSubject()
				.withKind("ServiceAccount")
				.withName(REVIEWER_SERVICE_ACCOUNT)
				.withNamespace(REVIEWER_NAMESPACE)
				.endSubject()
				.build())
			.serverSideApply();
		// No audience: the token is for the API server itself, which is what TokenReview needs.
		TokenRequest request = new TokenRequestBuilder().withNewSpec()
			.withExpirationSeconds(REVIEWER_TOKEN_TTL.toSeconds())
			.endSpec()
			.build();
		return this.kubernetes.serviceAccounts()
			.inNamespace(REVIEWER_NAMESPACE)
			.withName(REVIEWER_SERVICE_ACCOUNT)
			.tokenRequest(request)
			.getStatus()
			.getToken();
	}

	private void ensureServiceAccount(String namespace, String serviceAccount) {
		this.kubernetes.namespaces()
			.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
			.serverSideApply();
		this.kubernetes.serviceAccounts()
			.inNamespace(namespace)
			.resource(new ServiceAccountBuilder().withNewMetadata()
				.withName(serviceAccount)
				.withNamespace(namespace)
				.endMetadata()
				.build())
			.serverSideApply();
	}

}
