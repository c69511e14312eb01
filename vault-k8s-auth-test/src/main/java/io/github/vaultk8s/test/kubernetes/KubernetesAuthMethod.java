package io.github.vaultk8s.test.kubernetes;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

import io.github.vaultk8s.test.http.RequestFields;
import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.kubernetes.TokenReviewClient.ReviewedServiceAccount;
import io.github.vaultk8s.test.kubernetes.TokenReviewClient.TokenReviewException;
import io.github.vaultk8s.test.time.GoQuote;
import io.github.vaultk8s.test.token.TokenIssuer;
import io.github.vaultk8s.test.token.TokenRequest;

/**
 * Vault's Kubernetes auth method mounted at {@code auth/kubernetes}: config, roles and login.
 * Every method throws {@link io.github.vaultk8s.test.http.VaultApiError} with Vault's status and message.
 * Login runs Vault's checks in Vault's order and makes a real TokenReview call to {@code kubernetes_host}.
 * Safe for concurrent use: config and roles are replaced, never changed in place.
 */
public final class KubernetesAuthMethod {

	/** The login path recorded on issued tokens. */
	public static final String LOGIN_PATH = "auth/kubernetes/login";

	/** Long enough for a first TLS handshake on a busy machine, short enough that a silent host fails a login. */
	public static final Duration DEFAULT_TOKEN_REVIEW_TIMEOUT = Duration.ofSeconds(10);

	private static final System.Logger logger = System.getLogger(KubernetesAuthMethod.class.getName());

	// Vault's framework.GenericNameRegex: the role names its router accepts in a path.
	private static final Pattern ROLE_NAME = Pattern.compile("\\w(([\\w.-]+)?\\w)?");

	private final TokenIssuer tokenIssuer;

	private final Clock clock;

	private volatile KubernetesAuthConfig config;

	private volatile Duration tokenReviewTimeout = DEFAULT_TOKEN_REVIEW_TIMEOUT;

	private final ConcurrentSkipListMap<String, KubernetesRole> roles = new ConcurrentSkipListMap<>();

	private final Object roleWrites = new Object();

	private final Object configWrites = new Object();

	public KubernetesAuthMethod(TokenIssuer tokenIssuer, Clock clock) {
		this.tokenIssuer = tokenIssuer;
		this.clock = clock;
	}

	/**
	 * Sets how long a login waits for the TokenReview answer before refusing with 403 (default
	 * {@link #DEFAULT_TOKEN_REVIEW_TIMEOUT}); connecting is bounded separately at 5 seconds.
	 */
	public void setTokenReviewTimeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("the TokenReview timeout must be positive");
		}
		this.tokenReviewTimeout = timeout;
	}

	/** {@code POST auth/kubernetes/config}. */
	public void writeConfig(Map<String, Object> body) {
		RequestFields fields = new RequestFields(body);
		synchronized (this.configWrites) {
			this.config = KubernetesAuthConfig.from(fields, this.config);
		}
	}

	/** {@code GET auth/kubernetes/config}: empty when nothing is stored (the caller answers 404). */
	public Optional<Map<String, Object>> readConfig() {
		return Optional.ofNullable(this.config).map(KubernetesAuthConfig::toResponse);
	}

	/** {@code POST auth/kubernetes/role/:name}: returns warnings (usually none). */
	public List<String> writeRole(String name, Map<String, Object> body) {
		String key = roleKey(name);
		RequestFields fields = new RequestFields(body);
		synchronized (this.roleWrites) {
			KubernetesRole existing = this.roles.get(key);
			KubernetesRole role = (existing != null) ? existing.copy() : new KubernetesRole();
			List<String> warnings = role.apply(name, fields, existing == null);
			this.roles.put(key, role);
			return List.copyOf(warnings);
		}
	}

	/** {@code GET auth/kubernetes/role/:name}. */
	public Optional<Map<String, Object>> readRole(String name) {
		return Optional.ofNullable(this.roles.get(roleKey(name))).map(KubernetesRole::toResponse);
	}

	/** {@code LIST auth/kubernetes/role}: stored (lower-case) names, sorted. */
	public List<String> listRoles() {
		return List.copyOf(this.roles.keySet());
	}

	/** {@code DELETE auth/kubernetes/role/:name}: deleting a missing role succeeds too. */
	public void deleteRole(String name) {
		String key = roleKey(name);
		synchronized (this.roleWrites) {
			this.roles.remove(key);
		}
	}

	private static String roleKey(String name) {
		if (name == null || name.isEmpty()) {
			throw VaultApiError.badRequest("missing role name");
		}
		if (!ROLE_NAME.matcher(name).matches()) {
			throw VaultApiError.of(404, "unsupported path");
		}
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * {@code POST auth/kubernetes/login}: Vault's checks in Vault's order, a real TokenReview call, then
	 * the {@code auth} block from the {@link TokenIssuer}.
	 * @param body the request body ({@code role}, {@code jwt})
	 * @param remoteAddress the client's address, for bound CIDRs
	 */
	public Map<String, Object> login(Map<String, Object> body, String remoteAddress) {
		RequestFields fields = new RequestFields(body);
		String roleName = fields.stringOrEmpty("role");
		String jwt = fields.stringOrEmpty("jwt");
		if (roleName.isEmpty()) {
			throw VaultApiError.badRequest("missing role");
		}
		if (jwt.isEmpty()) {
			throw VaultApiError.badRequest("missing jwt");
		}
		KubernetesRole role = this.roles.get(roleName.toLowerCase(Locale.ROOT));
		if (role == null) {
			throw VaultApiError.badRequest("invalid role name " + GoQuote.of(roleName));
		}
		if (!role.tokenBoundCidrs.isEmpty() && !isAllowedAddress(remoteAddress, role.tokenBoundCidrs)) {
			throw VaultApiError.permissionDenied();
		}
		KubernetesAuthConfig config = this.config;
		if (config == null) {
			throw VaultApiError.of(500, "could not load backend configuration");
		}
		Map<String, Object> claims = LoginJwtValidator.validate(jwt, config, role.audience, this.clock.instant());
		ServiceAccountClaims serviceAccount = ServiceAccountClaims.from(claims);
		checkBindings(role, serviceAccount);
		checkAliasSource(role, serviceAccount);
		review(config, role, jwt, serviceAccount, this.tokenReviewTimeout);
		return this.tokenIssuer.issue(tokenRequest(roleName, role, serviceAccount));
	}

	private static boolean isAllowedAddress(String remoteAddress, List<CidrBlock> blocks) {
		Optional<InetAddress> address = Optional.ofNullable(remoteAddress)
			.map(KubernetesAuthMethod::hostPart)
			.flatMap(CidrBlock::literal);
		return address.isPresent() && blocks.stream().anyMatch((block) -> block.contains(address.get()));
	}

	/** The address of {@code 1.2.3.4}, {@code 1.2.3.4:5}, {@code [::1]:5}, {@code ::1} or {@code /1.2.3.4:5}. */
	private static String hostPart(String remoteAddress) {
		String address = remoteAddress.startsWith("/") ? remoteAddress.substring(1) : remoteAddress;
		if (address.startsWith("[")) {
			int end = address.indexOf(']');
			return (end > 0) ? address.substring(1, end) : address;
		}
		int colon = address.indexOf(':');
		return (colon >= 0 && colon == address.lastIndexOf(':')) ? address.substring(0, colon) : address;
	}

	private static void checkBindings(KubernetesRole role, ServiceAccountClaims serviceAccount) {
		List<String> names = role.boundServiceAccountNames;
		boolean anyName = names.size() == 1 && names.get(0).equals("*");
		if (!anyName && !GlobList.containsMatch(names, serviceAccount.name())) {
			throw VaultApiError.of(403, "service account name not authorized");
		}
		List<String> namespaces = (role.boundServiceAccountNamespaces != null) ? role.boundServiceAccountNamespaces
				: List.of();
		boolean allowed = !namespaces.isEmpty()
				&& (namespaces.get(0).equals("*") || GlobList.containsMatch(namespaces, serviceAccount.namespace()));
		// Selector-bound namespaces would need a namespace lookup in Kubernetes, which the stand-in does not make.
		if (!allowed) {
			throw VaultApiError.of(403, "namespace not authorized");
		}
	}

	private static void checkAliasSource(KubernetesRole role, ServiceAccountClaims serviceAccount) {
		if (role.aliasNameSource.equals(KubernetesRole.ALIAS_SOURCE_NAME)) {
			if (serviceAccount.namespace().isEmpty() || serviceAccount.name().isEmpty()) {
				throw VaultApiError.of(500, "service account namespace and name must be set");
			}
		}
		else if (serviceAccount.uid().isEmpty()) {
			throw VaultApiError.of(500, "could not parse UID from claims");
		}
	}

	private static void review(KubernetesAuthConfig config, KubernetesRole role, String jwt,
			ServiceAccountClaims serviceAccount, Duration timeout) {
		List<String> audiences = role.audience.isEmpty() ? serviceAccount.audiences() : List.of(role.audience);
		String bearer = config.tokenReviewerJwt().isEmpty() ? jwt : config.tokenReviewerJwt();
		try {
			ReviewedServiceAccount reviewed = config.tokenReview().review(bearer, jwt, audiences, timeout);
			if (!serviceAccount.name().equals(reviewed.name())) {
				throw new TokenReviewException("JWT names did not match");
			}
			if (serviceAccount.uid().isEmpty()) {
				// Vault's lookup needs the UID claim even when aliases are named after the service account.
				throw new TokenReviewException("could not parse UID from claims");
			}
			if (!serviceAccount.uid().equals(reviewed.uid())) {
				throw new TokenReviewException("JWT UIDs did not match");
			}
			if (!serviceAccount.namespace().equals(reviewed.namespace())) {
				throw new TokenReviewException("JWT namepaces did not match");
			}
		}
		catch (TokenReviewException ex) {
			logger.log(Level.DEBUG, "login unauthorized: {0}", ex.getMessage());
			throw VaultApiError.permissionDenied();
		}
	}

	private static TokenRequest tokenRequest(String roleName, KubernetesRole role,
			ServiceAccountClaims serviceAccount) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("role", roleName);
		metadata.put("service_account_name", serviceAccount.name());
		metadata.put("service_account_namespace", serviceAccount.namespace());
		metadata.put("service_account_secret_name", serviceAccount.secretName());
		metadata.put("service_account_uid", serviceAccount.uid());
		return new TokenRequest(LOGIN_PATH, "kubernetes-" + serviceAccount.namespace() + "-" + serviceAccount.name(),
				role.tokenPolicies, metadata, role.tokenTtl, role.tokenMaxTtl, role.tokenPeriod,
				role.tokenExplicitMaxTtl, role.tokenNoDefaultPolicy, role.tokenNumUses);
	}

}
