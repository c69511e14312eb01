package io.github.vaultk8s.k8s.check.schema;

import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.Manifests;
import tools.jackson.databind.json.JsonMapper;

/**
 * Custom resources validate against the {@code openAPIV3Schema} of their upstream CRD, with unknown fields
 * rejected wherever the schema lists its properties (see {@link CrdSchemas}). Custom resources of a kind
 * with no CRD at hand are left alone; a version the CRD does not serve is a violation.
 */
public final class CustomResourceSchemaCheck implements ManifestCheck {

	private final JsonMapper json = JsonMapper.builder().build();

	private final CrdSchemas schemas;

	public CustomResourceSchemaCheck(Path crdDirectory) {
		this.schemas = CrdSchemas.load(crdDirectory);
	}

	/** The groups and kinds this check can validate, e.g. {@code Vault.vault.banzaicloud.com}. */
	public List<String> coveredKinds() {
		return this.schemas.kinds();
	}

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("crd-schema");
		for (ManifestObject object : manifests.all()) {
			if (!this.schemas.covers(object.group(), object.kind())) {
				continue;
			}
			String version = object.apiVersion().substring(object.apiVersion().indexOf('/') + 1);
			Schema schema = this.schemas.schema(object.group(), object.kind(), version);
			if (schema == null) {
				violations.add(object, "version " + version + " is not served by the CRD");
				continue;
			}
			for (Error error : schema.validate(this.json.valueToTree(object.content()))) {
				violations.add(object, error.getInstanceLocation() + ": " + error.getMessage());
			}
		}
		return violations.list();
	}

}
