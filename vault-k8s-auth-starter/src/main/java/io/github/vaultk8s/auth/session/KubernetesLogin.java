package io.github.vaultk8s.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.vaultk8s.auth.token.ServiceAccountTokenClaims;
import io.github.vaultk8s.auth.token.ServiceAccountTokenException;
import io.github.vaultk8s.auth.token.ServiceAccountTokenFile;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.KubernetesAuthentication;
import org.springframework.vault.authentication.KubernetesAuthenticationOptions;
import org.springframework.vault.support.VaultToken;
import org.springframework.web.client.RestOperations;

/**
 * Vault's Kubernetes login with the service-account token read fresh for every attempt. The HTTP call itself is
 * Spring Vault's {@link KubernetesAuthentication}; this class adds what happens before it: the file is read (a
 * missing file fails this login, not the application), an expired JWT is refused locally, and when no role is
 * configured the service-account name from the JWT is used as the role.
 */
public final class KubernetesLogin implements ClientAuthentication {

	private static final Log logger = LogFactory.getLog(KubernetesLogin.class);

	/** Vault accepts an {@code exp} up to one minute in the past. */
	private static final Duration VAULT_CLOCK_LEEWAY = Duration.ofMinutes(1);

	private final String path;

	private final @Nullable String role;

	private final ServiceAccountTokenFile tokenFile;

	private final RestOperations restOperations;

	private final Clock clock;

	private final AtomicBoolean derivedRoleLogged = new AtomicBoolean();

	/**
	 * Create a login.
	 * @param path the mount path of the Kubernetes auth method, e.g. {@code kubernetes}
	 * @param role the Vault role, or {@code null}/empty to use the service-account name from the JWT
	 * @param tokenFile the service-account token file
	 * @param restOperations the Vault client used for the login call (no session)
	 * @param clock the clock used to check the JWT's expiry
	 */
	public KubernetesLogin(String path, @Nullable String role, ServiceAccountTokenFile tokenFile,
			RestOperations restOperations, Clock clock) {
		Assert.hasText(path, "Path must not be empty");
		Assert.notNull(tokenFile, "ServiceAccountTokenFile must not be null");
		Assert.notNull(restOperations, "RestOperations must not be null");
		this.path = path;
		this.role = StringUtils.hasText(role) ? role : null;
		this.tokenFile = tokenFile;
		this.restOperations = restOperations;
		this.clock = clock;
	}

	@Override
	public VaultToken login() throws VaultException {
		String jwt = this.tokenFile.get();
		ServiceAccountTokenClaims claims = ServiceAccountTokenClaims.parse(jwt, this.tokenFile.getPath().toString());
		Instant expiresAt = claims.expiresAt();
		if (expiresAt != null && expiresAt.plus(VAULT_CLOCK_LEEWAY).isBefore(this.clock.instant())) {
			throw new ServiceAccountTokenException("Service-account token in " + this.tokenFile.getPath()
					+ " expired at " + expiresAt + "; the kubelet should have rotated it");
		}
		KubernetesAuthenticationOptions options = KubernetesAuthenticationOptions.builder()
			.path(this.path)
			.role(resolveRole(claims))
			.jwtSupplier(() -> jwt)
			.build();
		return new KubernetesAuthentication(options, this.restOperations).login();
	}

	private String resolveRole(ServiceAccountTokenClaims claims) {
		if (this.role != null) {
			return this.role;
		}
		String serviceAccount = claims.serviceAccountName();
		if (serviceAccount == null) {
			throw new ServiceAccountTokenException("No Vault role configured (spring.cloud.vault.kubernetes.role) and "
					+ "the token in " + this.tokenFile.getPath() + " names no service account");
		}
		if (this.derivedRoleLogged.compareAndSet(false, true)) {
			logger.info("No Vault role configured (spring.cloud.vault.kubernetes.role): using the service-account name '"
					+ serviceAccount + "' from " + this.tokenFile.getPath() + " as the role");
		}
		return serviceAccount;
	}

	public String getPath() {
		return this.path;
	}

	public @Nullable String getRole() {
		return this.role;
	}

	public ServiceAccountTokenFile getTokenFile() {
		return this.tokenFile;
	}

}
