package io.github.vaultk8s.k8s.check.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;

import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.YamlDocuments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON schemas built from CRD files. The API server prunes unknown fields silently; here they are errors:
 * {@code additionalProperties: false} is added to every object schema that lists {@code properties} and
 * neither declares {@code additionalProperties} nor {@code x-kubernetes-preserve-unknown-fields}.
 */
final class CrdSchemas {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> KUBERNETES_KEYWORDS = List.of("x-kubernetes-preserve-unknown-fields",
			"x-kubernetes-int-or-string", "x-kubernetes-embedded-resource", "x-kubernetes-list-type",
			"x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-validations");

	private final Map<String, Schema> byGroupKindVersion;

	private final List<String> kinds;

	private CrdSchemas(Map<String, Schema> byGroupKindVersion, List<String> kinds) {
		this.byGroupKindVersion = byGroupKindVersion;
		this.kinds = kinds;
	}

	static CrdSchemas load(Path directory) {
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(crdDialect());
		Map<String, Schema> schemas = new HashMap<>();
		List<String> kinds = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yaml")).sorted().toList()) {
				for (Map<String, Object> crd : YamlDocuments.read(file)) {
					if (!"CustomResourceDefinition".equals(crd.get("kind"))) {
						continue;
					}
					String group = String.valueOf(Trees.at(crd, "spec", "group"));
					String kind = String.valueOf(Trees.at(crd, "spec", "names", "kind"));
					kinds.add(kind + "." + group);
					for (Map<String, Object> version : Trees.maps(Trees.at(crd, "spec", "versions"))) {
						JsonNode schema = JSON.valueToTree(Trees.at(version, "schema", "openAPIV3Schema"));
						rejectUnknownFields(schema);
						schemas.put(key(group, kind, String.valueOf(version.get("name"))), registry.getSchema(schema));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new CrdSchemas(schemas, List.copyOf(kinds));
	}

	/** OpenAPI 3.0 schemas, with Kubernetes' own keywords known (and, for validation, ignored). */
	private static Dialect crdDialect() {
		Dialect.Builder dialect = Dialect.builder(Dialects.getOpenApi30());
		for (String keyword : KUBERNETES_KEYWORDS) {
			dialect.keyword(new NonValidationKeyword(keyword));
		}
		return dialect.build();
	}

	boolean covers(String group, String kind) {
		return this.kinds.contains(kind + "." + group);
	}

	Schema schema(String group, String kind, String version) {
		return this.byGroupKindVersion.get(key(group, kind, version));
	}

	List<String> kinds() {
		return this.kinds;
	}

	static void rejectUnknownFields(JsonNode node) {
		if (node instanceof ObjectNode schema) {
			if (schema.has("properties") && !schema.has("additionalProperties")
					&& !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
				schema.put("additionalProperties", false);
			}
			schema.path("properties").forEach(CrdSchemas::rejectUnknownFields);
			for (String keyword : List.of("items", "additionalProperties", "not")) {
				rejectUnknownFields(schema.get(keyword));
			}
			for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
				schema.path(keyword).forEach(CrdSchemas::rejectUnknownFields);
			}
		}
	}

	private static String key(String group, String kind, String version) {
		return group + "/" + version + "/" + kind;
	}

}
