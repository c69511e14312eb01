package io.github.vaultk8s.testapp.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.vaultk8s.testapp.secret.SecretFolder;
import io.github.vaultk8s.testapp.secret.SecretHistory;
import io.github.vaultk8s.testapp.secret.SecretName;
import io.github.vaultk8s.testapp.secret.SecretValue;
import io.github.vaultk8s.testapp.secret.SecretsService;
import io.github.vaultk8s.testapp.secret.WriteCondition;
import io.github.vaultk8s.testapp.secret.WrittenVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The secrets API under {@code /secrets}. Names may contain {@code /}, so the name is everything after
 * {@code /secrets/}, taken from the raw (not decoded, not normalized) request URI and validated as a
 * {@link SecretName} before anything else happens.
 */
@RestController
@RequestMapping("/secrets")
public class SecretsController {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private static final String VERSIONS_SUFFIX = "/versions";

	private static final String UNDELETE_SUFFIX = "/undelete";

	private static final String DESTROY_SUFFIX = "/destroy";

	private static final String PREFIX = "/secrets/";

	private final SecretsService secrets;

	private final JsonBodyReader bodies;

	SecretsController(SecretsService secrets, JsonBodyReader bodies) {
		this.secrets = secrets;
		this.bodies = bodies;
	}

	@Operation(summary = "List the secrets and sub-folders (ending with /) of a folder")
	@GetMapping
	@Parameter(in = ParameterIn.QUERY, name = "folder", description = "folder to list, e.g. team/app; the top when absent")
	ResponseEntity<SecretFolder> list(HttpServletRequest request) {
		String folder = QueryParameters.single(request, "folder");
		if (!request.getRequestURI().equals(request.getContextPath() + "/secrets")) {
			// e.g. /secrets/a/%2e%2e, which the container normalized to /secrets
			throw new InvalidRequestException("The request path is not in canonical form (/secrets).");
		}
		SecretName name = (folder != null && !folder.isEmpty()) ? SecretName.folder(folder) : null;
		return noStore(ResponseEntity.ok()).body(this.secrets.list(name));
	}

	@Operation(summary = "Read a secret (GET /secrets/{name}, optionally ?version=N) or its versions "
			+ "(GET /secrets/{name}/versions)",
			description = "404 when it never existed; 410 when the version was deleted (undelete restores it) "
					+ "or destroyed. The ETag is the version; If-None-Match with it answers 304.")
	@GetMapping("/{*name}")
	@Parameter(in = ParameterIn.QUERY, name = "version", description = "a version to read instead of the current one")
	ResponseEntity<?> read(HttpServletRequest request) {
		String raw = rawName(request);
		if (raw.endsWith(VERSIONS_SUFFIX)) {
			SecretName name = SecretName.of(raw.substring(0, raw.length() - VERSIONS_SUFFIX.length()));
			SecretHistory history = this.secrets.history(name);
			return noStore(ResponseEntity.ok()).eTag(EntityTags.of(history.currentVersion())).body(history);
		}
		SecretName name = SecretName.of(raw);
		String version = QueryParameters.single(request, "version");
		SecretValue value = this.secrets.read(name, (version != null) ? VersionNumbers.parseOne(version) : null);
		return noStore(ResponseEntity.ok()).eTag(EntityTags.of(value.version())).body(value);
	}

	@Operation(summary = "Write a new version of a secret (a JSON object)",
			description = "201 with Location when new, 200 otherwise. If-Match: \"<version>\" writes only over "
					+ "that version (Vault check-and-set); If-None-Match: * creates only. Otherwise 412.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")))
	@PutMapping(path = "/{*name}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<WrittenVersion> put(HttpServletRequest request,
			@RequestHeader(name = "If-Match", required = false) String ifMatch,
			@RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
			@Parameter(hidden = true) InputStream body) throws IOException {
		SecretName name = SecretName.of(rawName(request));
		WriteCondition condition = writeCondition(ifMatch, ifNoneMatch);
		Map<String, Object> data = this.bodies.readObject(body, request.getContentLengthLong());
		return written(this.secrets.write(name, data, condition));
	}

	@Operation(summary = "Change a secret with a JSON merge patch (RFC 7396); null removes a key",
			description = "Writes a new version. If-Match: \"<version>\" patches only that version, else 412.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = MERGE_PATCH_JSON, schema = @Schema(type = "object")))
	@PatchMapping(path = "/{*name}", consumes = MERGE_PATCH_JSON)
	ResponseEntity<WrittenVersion> patch(HttpServletRequest request,
			@RequestHeader(name = "If-Match", required = false) String ifMatch,
			@RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
			@Parameter(hidden = true) InputStream body) throws IOException {
		SecretName name = SecretName.of(rawName(request));
		if (ifNoneMatch != null) {
			throw new InvalidRequestException("PATCH changes an existing secret; If-None-Match does not apply.");
		}
		Integer expected = EntityTags.parseIfMatch(ifMatch);
		Map<String, Object> patch = this.bodies.readObject(body, request.getContentLengthLong());
		return written(this.secrets.patch(name, patch, (expected == null || expected == EntityTags.ANY) ? null : expected));
	}

	@Operation(summary = "Soft-delete the current version, the given ?versions=1,3, or purge everything "
			+ "with ?purge=true")
	@DeleteMapping("/{*name}")
	@Parameter(in = ParameterIn.QUERY, name = "versions", description = "versions to soft-delete, e.g. 1,3")
	@Parameter(in = ParameterIn.QUERY, name = "purge", description = "true removes every version and the metadata")
	ResponseEntity<Void> delete(HttpServletRequest request) {
		SecretName name = SecretName.of(rawName(request));
		String versions = QueryParameters.single(request, "versions");
		if (QueryParameters.flag(request, "purge")) {
			if (versions != null) {
				throw new InvalidRequestException("Give either versions or purge=true, not both.");
			}
			this.secrets.purge(name);
		}
		else if (versions != null) {
			this.secrets.deleteVersions(name, VersionNumbers.parseCsv(versions));
		}
		else {
			this.secrets.deleteCurrentVersion(name);
		}
		return noStore(ResponseEntity.status(HttpStatus.NO_CONTENT)).build();
	}

	@Operation(summary = "POST /secrets/{name}/undelete or /secrets/{name}/destroy with {\"versions\":[1,3]}")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
					example = "{\"versions\":[1,3]}")))
	@PostMapping(path = "/{*name}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> versionAction(HttpServletRequest request, @Parameter(hidden = true) InputStream body)
			throws IOException, HttpRequestMethodNotSupportedException {
		String raw = rawName(request);
		boolean undelete = raw.endsWith(UNDELETE_SUFFIX);
		if (!undelete && !raw.endsWith(DESTROY_SUFFIX)) {
			throw new HttpRequestMethodNotSupportedException("POST", List.of("GET", "PUT", "PATCH", "DELETE"));
		}
		SecretName name = SecretName.of(
				raw.substring(0, raw.length() - (undelete ? UNDELETE_SUFFIX : DESTROY_SUFFIX).length()));
		Map<String, Object> fields = this.bodies.readObject(body, request.getContentLengthLong());
		if (!fields.keySet().equals(Set.of("versions"))) {
			throw new InvalidRequestException("The body must be {\"versions\":[...]} and nothing else.");
		}
		Set<Integer> versions = VersionNumbers.fromJson(fields.get("versions"));
		if (undelete) {
			this.secrets.undeleteVersions(name, versions);
		}
		else {
			this.secrets.destroyVersions(name, versions);
		}
		return noStore(ResponseEntity.status(HttpStatus.NO_CONTENT)).build();
	}

	private static WriteCondition writeCondition(String ifMatch, String ifNoneMatch) {
		Integer expected = EntityTags.parseIfMatch(ifMatch);
		boolean createOnly = EntityTags.parseIfNoneMatchOnWrite(ifNoneMatch);
		if (expected != null && createOnly) {
			throw new InvalidRequestException("Give either If-Match or If-None-Match, not both.");
		}
		if (createOnly) {
			return WriteCondition.absent();
		}
		if (expected == null) {
			return WriteCondition.none();
		}
		return (expected == EntityTags.ANY) ? WriteCondition.present() : WriteCondition.currentVersion(expected);
	}

	private static ResponseEntity<WrittenVersion> written(WrittenVersion written) {
		ResponseEntity.BodyBuilder response;
		if (written.created()) {
			URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
				.path(PREFIX + written.name().value())
				.build()
				.toUri();
			response = ResponseEntity.created(location);
		}
		else {
			response = ResponseEntity.status(HttpStatus.OK);
		}
		return noStore(response).eTag(EntityTags.of(written.version())).body(written);
	}

	// Secret values must not linger in shared or browser caches.
	private static ResponseEntity.BodyBuilder noStore(ResponseEntity.BodyBuilder builder) {
		return builder.cacheControl(CacheControl.noStore());
	}

	/**
	 * The part of the raw request URI after {@code /secrets/}. The servlet container has decoded and
	 * normalized the path used for mapping ({@code a/../b} became {@code b}); the raw URI still shows
	 * what was sent, and a name is only accepted from it.
	 */
	private static String rawName(HttpServletRequest request) {
		String prefix = request.getContextPath() + PREFIX;
		String uri = request.getRequestURI();
		if (!uri.startsWith(prefix)) {
			throw new InvalidRequestException("The request path is not in canonical form (/secrets/{name}).");
		}
		return uri.substring(prefix.length());
	}

}
