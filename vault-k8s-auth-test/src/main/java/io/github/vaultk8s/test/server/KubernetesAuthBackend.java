package io.github.vaultk8s.test.server;

import java.util.List;
import java.util.Map;

import io.github.vaultk8s.test.http.Existence;
import io.github.vaultk8s.test.http.Operation;
import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.http.VaultBackend;
import io.github.vaultk8s.test.http.VaultRequest;
import io.github.vaultk8s.test.http.VaultResponse;
import io.github.vaultk8s.test.kubernetes.KubernetesAuthMethod;

/**
 * Mounts {@link KubernetesAuthMethod} at {@code auth/kubernetes/}: maps its paths and operations onto the
 * method's calls and its results onto Vault's responses.
 */
final class KubernetesAuthBackend implements VaultBackend {

	private static final String ROLE = "role/";

	private final KubernetesAuthMethod method;

	KubernetesAuthBackend(KubernetesAuthMethod method) {
		this.method = method;
	}

	@Override
	public String mountType() {
		return "kubernetes";
	}

	@Override
	public boolean isUnauthenticated(String path) {
		return path.equals("login");
	}

	@Override
	public Existence existence(VaultRequest request) {
		String path = request.path();
		if (path.startsWith(ROLE) && path.length() > ROLE.length()) {
			return this.method.readRole(path.substring(ROLE.length())).isPresent() ? Existence.EXISTS
					: Existence.MISSING;
		}
		return Existence.UNSUPPORTED;
	}

	@Override
	public VaultResponse handle(VaultRequest request) {
		String path = request.path();
		Operation operation = request.operation();
		boolean write = operation == Operation.UPDATE || operation == Operation.CREATE;
		if (path.equals("login")) {
			requireOperation(write);
			return VaultResponse.auth(this.method.login(request.data(), request.remoteAddress()));
		}
		if (path.equals("config")) {
			if (operation == Operation.READ) {
				return VaultResponse.data(this.method.readConfig().orElseThrow(VaultApiError::notFound));
			}
			requireOperation(write);
			this.method.writeConfig(request.data());
			return VaultResponse.noContent();
		}
		if (path.equals(ROLE) || path.equals("role")) {
			requireOperation(operation == Operation.LIST);
			List<String> roles = this.method.listRoles();
			if (roles.isEmpty()) {
				throw VaultApiError.notFound();
			}
			return VaultResponse.data(Map.of("keys", roles));
		}
		if (path.startsWith(ROLE)) {
			String name = path.substring(ROLE.length());
			switch (operation) {
				case READ -> {
					return VaultResponse.data(this.method.readRole(name).orElseThrow(VaultApiError::notFound));
				}
				case CREATE, UPDATE -> {
					VaultResponse response = VaultResponse.noContent();
					for (String warning : this.method.writeRole(name, request.data())) {
						response = response.withWarning(warning);
					}
					return response;
				}
				case DELETE -> {
					this.method.deleteRole(name);
					return VaultResponse.noContent();
				}
				default -> throw VaultApiError.of(405, "unsupported operation");
			}
		}
		throw VaultApiError.of(404, "unsupported path");
	}

	private static void requireOperation(boolean supported) {
		if (!supported) {
			throw VaultApiError.of(405, "unsupported operation");
		}
	}

}
