package io.github.vaultk8s.k8s.check.vault;

/**
 * The Spring Cloud Vault environment variables the cross-checks read, with Spring Cloud Vault's defaults.
 */
final class SpringVaultSettings {

	static final String URI = "SPRING_CLOUD_VAULT_URI";

	static final String ROLE = "SPRING_CLOUD_VAULT_KUBERNETES_ROLE";

	static final String AUTH_PATH = "SPRING_CLOUD_VAULT_KUBERNETES_KUBERNETES_PATH";

	static final String DEFAULT_AUTH_PATH = "kubernetes";

	static final String TOKEN_FILE = "SPRING_CLOUD_VAULT_KUBERNETES_SERVICE_ACCOUNT_TOKEN_FILE";

	static final String DEFAULT_TOKEN_FILE = "/var/run/secrets/kubernetes.io/serviceaccount/token";

	static final String TRUST_STORE = "SPRING_CLOUD_VAULT_SSL_TRUST_STORE";

	static final String TRUST_STORE_TYPE = "SPRING_CLOUD_VAULT_SSL_TRUST_STORE_TYPE";

	private SpringVaultSettings() {
	}

}
