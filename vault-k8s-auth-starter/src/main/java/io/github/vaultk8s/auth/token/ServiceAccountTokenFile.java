package io.github.vaultk8s.auth.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.springframework.util.Assert;
import org.springframework.vault.authentication.KubernetesJwtSupplier;

/**
 * The service-account token file, read on every {@link #get()} so that a rotated projected token is picked up by
 * the next login. Unlike Spring Vault's {@code KubernetesServiceAccountTokenFile} a missing file is not an error
 * until a login actually needs it: the application can start on a machine without the file and the login fails
 * (and is retried) with a message naming the path.
 */
public final class ServiceAccountTokenFile implements KubernetesJwtSupplier {

	/**
	 * Where Kubernetes mounts the service-account token in every pod.
	 */
	public static final Path DEFAULT_PATH = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

	private final Path path;

	public ServiceAccountTokenFile(Path path) {
		Assert.notNull(path, "Path must not be null");
		this.path = path;
	}

	public Path getPath() {
		return this.path;
	}

	/**
	 * Read the token, trimmed.
	 * @return the JWT
	 * @throws ServiceAccountTokenException if the file is missing, unreadable or empty
	 */
	@Override
	public String get() {
		String content;
		try {
			content = Files.readString(this.path, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new ServiceAccountTokenException("Service-account token file " + this.path + " does not exist");
		}
		catch (IOException | SecurityException ex) {
			throw new ServiceAccountTokenException("Service-account token file " + this.path + " cannot be read ("
					+ ex.getClass().getSimpleName() + ")");
		}
		String jwt = content.trim();
		if (jwt.isEmpty()) {
			throw new ServiceAccountTokenException("Service-account token file " + this.path + " is empty");
		}
		return jwt;
	}

	/**
	 * Read the token and its claims.
	 * @return the claims of the current token
	 */
	public ServiceAccountTokenClaims readClaims() {
		return ServiceAccountTokenClaims.parse(get(), this.path.toString());
	}

}
