package io.github.vaultk8s.k8s.check.workload;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;
import io.github.vaultk8s.k8s.manifest.PodTemplates;
import io.github.vaultk8s.k8s.render.ImageReference;

/**
 * Every image is pinned to a tag other than {@code latest} or to a digest. That includes the images the
 * operators would pick: the Vault CR's Vault and bank-vaults images (both default to {@code latest}), any
 * sidecar the CR enables, and the etcd version of the EtcdCluster.
 */
public final class ImagePinCheck implements ManifestCheck {

	private static final Pattern SEMANTIC_VERSION = Pattern.compile("^v\\d+\\.\\d+\\.\\d+$");

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("image-pin");
		for (ManifestObject object : manifests.all()) {
			PodTemplates.podSpec(object)
				.ifPresent((podSpec) -> PodTemplates.allContainers(podSpec)
					.forEach((container) -> checkImage(violations, object.id() + " container " + container.get("name"),
							container.get("image"))));
			if ("Vault".equals(object.kind())) {
				checkVault(violations, object);
			}
			if ("EtcdCluster".equals(object.kind())) {
				Object version = object.at("spec", "version");
				if (version == null || !SEMANTIC_VERSION.matcher(version.toString()).matches()) {
					violations.add(object, "spec.version '" + version + "' is not a pinned vX.Y.Z release");
				}
			}
		}
		return violations.list();
	}

	/** A pinned image reference: a digest, or a tag that is not "latest". */
	public static boolean isPinned(String image) {
		ImageReference reference = ImageReference.parse(image);
		String tag = reference.tag();
		return reference.digest() != null || (tag != null && !tag.isBlank() && !tag.equals("latest"));
	}

	private static void checkVault(Violations violations, ManifestObject vault) {
		checkImage(violations, vault.id() + " spec.image", vault.at("spec", "image"));
		checkImage(violations, vault.id() + " spec.bankVaultsImage", vault.at("spec", "bankVaultsImage"));
		if (!Boolean.TRUE.equals(vault.at("spec", "statsdDisabled"))) {
			checkImage(violations, vault.id() + " spec.statsdImage (statsd exporter enabled)",
					vault.at("spec", "statsdImage"));
		}
		if (Boolean.TRUE.equals(vault.at("spec", "fluentdEnabled"))) {
			checkImage(violations, vault.id() + " spec.fluentdImage", vault.at("spec", "fluentdImage"));
		}
		if (Boolean.TRUE.equals(vault.at("spec", "veleroEnabled"))) {
			checkImage(violations, vault.id() + " spec.veleroFsfreezeImage", vault.at("spec", "veleroFsfreezeImage"));
		}
		for (String field : List.of("vaultContainers", "vaultInitContainers")) {
			for (Map<String, Object> container : Trees.maps(vault.at("spec", field))) {
				checkImage(violations, vault.id() + " spec." + field + " " + container.get("name"), container.get("image"));
			}
		}
	}

	private static void checkImage(Violations violations, String subject, Object image) {
		if (image == null || image.toString().isBlank()) {
			violations.add(subject, "no image set (the default is unpinned)");
		}
		else if (!isPinned(image.toString())) {
			violations.add(subject, "image '" + image + "' is not pinned to a version tag or digest");
		}
	}

}
