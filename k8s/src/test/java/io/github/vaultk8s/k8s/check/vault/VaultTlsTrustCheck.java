package io.github.vaultk8s.k8s.check.vault;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.Manifests;

/**
 * The app reaches Vault over TLS that verifies: it uses https to a host name in the operator-issued
 * certificate, and trusts Vault's CA from the Secret the operator copies into its namespace, mounted at
 * the file its trust store setting names.
 */
public final class VaultTlsTrustCheck implements ManifestCheck {

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("vault-tls-trust");
		Optional<VaultConfiguration> found = VaultConfiguration.of(manifests);
		if (found.isEmpty()) {
			violations.add("manifests", "no Vault custom resource");
			return violations.list();
		}
		VaultConfiguration vault = found.get();
		if (vault.tlsDisabled()) {
			violations.add(vault.vault(), "TLS is disabled on Vault's listener");
		}
		for (SpringVaultClient client : SpringVaultClient.find(manifests)) {
			checkUri(violations, client, vault);
			checkTrustStore(violations, client, vault);
		}
		return violations.list();
	}

	private static void checkUri(Violations violations, SpringVaultClient client, VaultConfiguration vault) {
		String value = client.setting(SpringVaultSettings.URI, "https://localhost:8200");
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			violations.add(client.subject(), SpringVaultSettings.URI + " '" + value + "' is not a URI");
			return;
		}
		if (!"https".equals(uri.getScheme())) {
			violations.add(client.subject(), SpringVaultSettings.URI + " '" + value + "' is not https");
		}
		if (!vault.tlsHostNames().contains(uri.getHost())) {
			violations.add(client.subject(), "host '" + uri.getHost() + "' of " + SpringVaultSettings.URI
					+ " is not in Vault's certificate " + vault.tlsHostNames() + " (add it to tlsAdditionalHosts)");
		}
		if (uri.getPort() != 8200) {
			violations.add(client.subject(), SpringVaultSettings.URI + " '" + value + "' does not use Vault's port 8200");
		}
	}

	private static void checkTrustStore(Violations violations, SpringVaultClient client, VaultConfiguration vault) {
		if (!client.namespace().equals(vault.namespace()) && !vault.caNamespaces().contains(client.namespace())
				&& !vault.caNamespaces().contains("*")) {
			violations.add(client.subject(), "Vault's caNamespaces " + vault.caNamespaces()
					+ " does not copy the CA into namespace '" + client.namespace() + "'");
		}
		String trustStore = client.setting(SpringVaultSettings.TRUST_STORE, "");
		if (!trustStore.startsWith("file:")) {
			violations.add(client.subject(), SpringVaultSettings.TRUST_STORE
					+ " must name the mounted CA file (file:...), is '" + trustStore + "'");
			return;
		}
		String file = trustStore.substring("file:".length());
		Optional<String> mounted = client.secretKeyFile(vault.caSecretName(), "ca.crt");
		if (mounted.isEmpty()) {
			violations.add(client.subject(), "does not mount ca.crt of Secret " + vault.caSecretName());
		}
		else if (!mounted.get().equals(file)) {
			violations.add(client.subject(), SpringVaultSettings.TRUST_STORE + " names " + file
					+ " but Vault's CA is mounted at " + mounted.get());
		}
		if (!"PEM".equalsIgnoreCase(client.setting(SpringVaultSettings.TRUST_STORE_TYPE, ""))) {
			violations.add(client.subject(),
					SpringVaultSettings.TRUST_STORE_TYPE + " must be PEM for the operator's ca.crt");
		}
	}

}
