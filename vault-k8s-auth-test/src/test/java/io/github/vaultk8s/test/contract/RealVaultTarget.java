package io.github.vaultk8s.test.contract;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import io.github.vaultk8s.test.testcontainers.VaultWithK3s;

import static io.github.vaultk8s.test.contract.VaultHttpClient.body;

/**
 * Real Vault ({@link VaultWithK3s#VAULT_IMAGE}) and K3s as a contract target. Starting both costs a
 * minute, so all {@code RealVault*ContractTest} classes share one pair, started on first use and left to
 * Testcontainers' reaper at JVM exit. Only call {@link #shared()} from tests of a class annotated
 * {@code @Testcontainers(disabledWithoutDocker = true)}.
 */
final class RealVaultTarget implements VaultTarget {

	private static final Pattern KV_UPGRADING = Pattern
		.compile("(?s)Upgrading from non-versioned to versioned data.*");

	private static RealVaultTarget shared;

	private final VaultWithK3s containers;

	private RealVaultTarget(VaultWithK3s containers) {
		this.containers = containers;
	}

	static synchronized RealVaultTarget shared() {
		if (shared == null) {
			VaultWithK3s containers = new VaultWithK3s();
			containers.start();
			RealVaultTarget target = new RealVaultTarget(containers);
			target.prepare();
			shared = target;
		}
		return shared;
	}

	/**
	 * What dev-mode Vault lacks compared with the stand-in: a Kubernetes auth mount. Also waits out KV v2's
	 * upgrade after mounting, during which real Vault answers 400 {@code Upgrading from non-versioned to
	 * versioned data}: the stand-in never does, so the retry lives here only.
	 */
	private void prepare() {
		VaultHttpResponse enabled = root().post("sys/auth/kubernetes", body("type", "kubernetes"));
		if (enabled.status() != 204) {
			throw new IllegalStateException("Could not enable auth/kubernetes: " + enabled);
		}
		Awaitility.await("KV v2 at secret/ finishing its upgrade")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(this::kvWritable);
	}

	private boolean kvWritable() {
		VaultHttpResponse written = root().post("secret/data/contract-ready", body("data", Map.of("ready", "yes")));
		if (written.status() == 200) {
			return true;
		}
		if (written.status() == 400 && written.errors().stream().anyMatch((error) -> KV_UPGRADING.matcher(error).matches())) {
			return false;
		}
		throw new IllegalStateException("KV v2 at secret/ answered " + written);
	}

	@Override
	public URI baseUri() {
		return this.containers.uri();
	}

	@Override
	public String rootToken() {
		return this.containers.rootToken();
	}

	@Override
	public String serviceAccountJwt(String namespace, String serviceAccount, String audience) {
		return this.containers.mintServiceAccountToken(namespace, serviceAccount, audience, Duration.ofMinutes(10));
	}

	@Override
	public Map<String, Object> kubernetesAuthConfig() {
		return this.containers.kubernetesAuthConfig();
	}

	@Override
	public void ensureDevState() {
		this.containers.applyDevState(Duration.ofHours(1), Duration.ofHours(24));
	}

	@Override
	public boolean sealable() {
		return true;
	}

	@Override
	public Optional<String> unsealKey() {
		return Optional.of(this.containers.unsealKey());
	}

	@Override
	public void ensureUnsealed() {
		if (anonymous().get("sys/seal-status").json().path("sealed").asBoolean(false)) {
			anonymous().put("sys/unseal", body("key", this.containers.unsealKey()));
		}
	}

	@Override
	public void reset() {
		ensureUnsealed();
	}

}
