package io.github.vaultk8s.test.kv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.vaultk8s.test.http.Existence;
import io.github.vaultk8s.test.http.Operation;
import io.github.vaultk8s.test.http.RequestFields;
import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.http.VaultBackend;
import io.github.vaultk8s.test.http.VaultRequest;
import io.github.vaultk8s.test.http.VaultResponse;

/**
 * KV v2's HTTP paths ({@code config}, {@code data/}, {@code metadata/}, {@code delete/}, {@code undelete/},
 * {@code destroy/}) mapped onto {@link KvV2Store}. Anything else is the engine's "invalid path" 404.
 */
public final class KvV2Backend implements VaultBackend {

	static final String INVALID_PATH_WARNING = "Invalid path for a versioned K/V secrets engine. See the API docs "
			+ "for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv get' for this operation.";

	private static final Set<String> DATA_FIELDS = Set.of("data", "options", "version");

	private static final Set<String> METADATA_FIELDS = Set.of("max_versions", "cas_required",
			"delete_version_after", "custom_metadata");

	private final KvV2Store store;

	public KvV2Backend(KvV2Store store) {
		this.store = store;
	}

	@Override
	public String mountType() {
		return "kv";
	}

	@Override
	public Existence existence(VaultRequest request) {
		String path = request.path();
		String key = null;
		if (path.startsWith("data/")) {
			key = path.substring(5);
		}
		else if (path.startsWith("metadata/")) {
			key = path.substring(9);
		}
		if (key == null || key.isEmpty() || key.endsWith("/")) {
			return Existence.UNSUPPORTED;
		}
		return this.store.exists(key) ? Existence.EXISTS : Existence.MISSING;
	}

	@Override
	public VaultResponse handle(VaultRequest request) {
		String path = request.path();
		if (path.equals("config")) {
			return config(request);
		}
		int slash = path.indexOf('/');
		String area = (slash > 0) ? path.substring(0, slash) : "";
		String key = (slash > 0) ? path.substring(slash + 1) : "";
		boolean leafKey = !key.isEmpty() && !key.endsWith("/");
		return switch (area) {
			case "data" -> leafKey && request.operation() != Operation.LIST ? data(request, key) : invalidPath();
			case "metadata" -> metadata(request, key);
			case "delete", "undelete", "destroy" -> leafKey ? versions(request, area, key) : invalidPath();
			default -> invalidPath();
		};
	}

	private VaultResponse config(VaultRequest request) {
		RequestFields fields = new RequestFields(request.data());
		switch (request.operation()) {
			case READ -> {
				return VaultResponse.data(this.store.readConfig());
			}
			case CREATE, UPDATE -> {
				this.store.writeConfig(optionalMaxVersions(fields), fields.has("cas_required")
						? fields.bool("cas_required", false) : null, optionalDuration(fields, "delete_version_after"));
				return VaultResponse.noContent()
					.withIgnoredParametersWarning(request.unknownParametersWarning(Set.of("max_versions", "cas_required",
							"delete_version_after")));
			}
			default -> throw VaultApiError.of(405, "unsupported operation");
		}
	}

	private VaultResponse data(VaultRequest request, String key) {
		RequestFields fields = new RequestFields(request.data());
		switch (request.operation()) {
			case READ -> {
				KvV2Store.Read read = this.store.read(key, fields.integer("version", 0));
				VaultResponse response = VaultResponse.data(read.data());
				return read.gone() ? response.withStatus(404) : response;
			}
			case CREATE, UPDATE -> {
				Map<String, Object> data = secretData(fields);
				return VaultResponse.data(this.store.write(key, data, cas(fields)))
					.withIgnoredParametersWarning(request.unknownParametersWarning(DATA_FIELDS));
			}
			case PATCH -> {
				Map<String, Object> data = secretData(fields);
				if (!this.store.hasReadableCurrentVersion(key)) {
					// Vault's patch answers RespondWithStatusCode(nil, 404): no body at all.
					return VaultResponse.empty(404);
				}
				return VaultResponse.data(this.store.patch(key, data, cas(fields)))
					.withIgnoredParametersWarning(request.unknownParametersWarning(DATA_FIELDS));
			}
			case DELETE -> {
				this.store.deleteLatest(key);
				return VaultResponse.noContent();
			}
			default -> throw VaultApiError.of(405, "unsupported operation");
		}
	}

	private VaultResponse metadata(VaultRequest request, String key) {
		Operation operation = request.operation();
		if (operation == Operation.LIST) {
			if (!key.isEmpty() && !key.endsWith("/")) {
				return invalidPath();
			}
			List<String> keys = this.store.list(key);
			if (keys.isEmpty()) {
				throw VaultApiError.notFound();
			}
			return VaultResponse.data(Map.of("keys", keys));
		}
		if (key.isEmpty() || key.endsWith("/")) {
			return invalidPath();
		}
		RequestFields fields = new RequestFields(request.data());
		switch (operation) {
			case READ -> {
				return VaultResponse.data(this.store.readMetadata(key));
			}
			case CREATE, UPDATE, PATCH -> {
				boolean patch = operation == Operation.PATCH;
				this.store.writeMetadata(key, optionalMaxVersions(fields),
						fields.has("cas_required") ? fields.bool("cas_required", false) : null,
						optionalDuration(fields, "delete_version_after"), customMetadata(fields, patch), patch);
				return VaultResponse.noContent()
					.withIgnoredParametersWarning(request.unknownParametersWarning(METADATA_FIELDS));
			}
			case DELETE -> {
				this.store.deleteMetadata(key);
				return VaultResponse.noContent();
			}
			default -> throw VaultApiError.of(405, "unsupported operation");
		}
	}

	private VaultResponse versions(VaultRequest request, String area, String key) {
		if (request.operation() != Operation.UPDATE && request.operation() != Operation.CREATE) {
			throw VaultApiError.of(405, "unsupported operation");
		}
		List<Long> versions = versionNumbers(new RequestFields(request.data()));
		if (versions.isEmpty()) {
			throw VaultApiError.badRequest(area.equals("destroy") ? "no version number provided"
					: "No version number provided");
		}
		switch (area) {
			case "delete" -> this.store.deleteVersions(key, versions);
			case "undelete" -> this.store.undeleteVersions(key, versions);
			default -> this.store.destroyVersions(key, versions);
		}
		return VaultResponse.noContent()
			.withIgnoredParametersWarning(request.unknownParametersWarning(Set.of("versions")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> secretData(RequestFields fields) {
		Object data = fields.raw("data");
		if (data == null) {
			throw VaultApiError.badRequest("no data provided");
		}
		if (!(data instanceof Map)) {
			throw VaultApiError.badRequest("Field validation failed: error converting input value for field \"data\"");
		}
		return (Map<String, Object>) data;
	}

	private static Object cas(RequestFields fields) {
		Object options = fields.raw("options");
		if (options == null) {
			return null;
		}
		if (!(options instanceof Map<?, ?> map)) {
			throw VaultApiError.badRequest("error parsing check-and-set parameter");
		}
		return map.get("cas");
	}

	private static Integer optionalMaxVersions(RequestFields fields) {
		if (!fields.has("max_versions")) {
			return null;
		}
		long value = fields.integer("max_versions", 0);
		if (value < 0 || value > Integer.MAX_VALUE) {
			throw VaultApiError.badRequest("max_versions must be a non-negative integer");
		}
		return (int) value;
	}

	private static Duration optionalDuration(RequestFields fields, String name) {
		if (!fields.has(name)) {
			return null;
		}
		Duration value = fields.duration(name, Duration.ZERO);
		if (value.isNegative()) {
			throw VaultApiError.badRequest(name + " cannot be negative");
		}
		return value;
	}

	/** For PATCH a {@code null} value removes a key, so it must survive the conversion. */
	private static Map<String, String> customMetadata(RequestFields fields, boolean patch) {
		Object raw = fields.raw("custom_metadata");
		if (raw == null) {
			return null;
		}
		if (!(raw instanceof Map<?, ?> map)) {
			throw VaultApiError.badRequest(
					"Field validation failed: error converting input value for field \"custom_metadata\"");
		}
		Map<String, String> result = new java.util.LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			Object value = entry.getValue();
			if (value instanceof Map || value instanceof List) {
				throw VaultApiError.badRequest(
						"Field validation failed: error converting input value for field \"custom_metadata\"");
			}
			result.put(String.valueOf(entry.getKey()), (value != null) ? String.valueOf(value) : (patch ? null : ""));
		}
		return result;
	}

	private static List<Long> versionNumbers(RequestFields fields) {
		Object raw = fields.raw("versions");
		List<Long> numbers = new ArrayList<>();
		if (raw == null) {
			return numbers;
		}
		List<?> items = (raw instanceof List<?> list) ? list : List.of(String.valueOf(raw).split(","));
		for (Object item : items) {
			if (item instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
				numbers.add(n.longValue());
			}
			else if (item instanceof String s && !s.trim().isEmpty()) {
				try {
					numbers.add(Long.parseLong(s.trim()));
				}
				catch (NumberFormatException ex) {
					throw VaultApiError
						.badRequest("Field validation failed: error converting input value for field \"versions\"");
				}
			}
			else if (!(item instanceof String)) {
				throw VaultApiError
					.badRequest("Field validation failed: error converting input value for field \"versions\"");
			}
		}
		return numbers;
	}

	private static VaultResponse invalidPath() {
		return VaultResponse.data(null).withWarning(INVALID_PATH_WARNING).withStatus(404);
	}

}
