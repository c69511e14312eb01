package io.github.vaultk8s.k8s.check.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.YamlDocuments;

/**
 * The operators deploy.sh installs are pinned: release versions in {@code versions.env}, an install URL
 * that names the release tag (not a branch), and the chart values' image tags.
 */
public final class OperatorPinCheck {

	static final String VERSIONS_FILE = "versions.env";

	static final String VALUES_FILE = "vault-operator-values.yaml";

	private static final Pattern RELEASE = Pattern.compile("^v?\\d+\\.\\d+\\.\\d+$");

	private static final Pattern FLOATING_REF = Pattern.compile("/(main|master|latest|HEAD)/|latest");

	public List<Violation> check(Path operatorsDirectory) {
		Violations violations = new Violations("operator-pin");
		Map<String, String> versions = readEnv(operatorsDirectory.resolve(VERSIONS_FILE));
		String etcdVersion = versions.getOrDefault("ETCD_OPERATOR_VERSION", "");
		requireRelease(violations, "ETCD_OPERATOR_VERSION", etcdVersion);
		requireRelease(violations, "VAULT_OPERATOR_CHART_VERSION",
				versions.getOrDefault("VAULT_OPERATOR_CHART_VERSION", ""));
		String url = versions.getOrDefault("ETCD_OPERATOR_INSTALL_URL", "");
		if (FLOATING_REF.matcher(url).find() || etcdVersion.isEmpty() || !url.contains("/" + etcdVersion + "/")) {
			violations.add(VERSIONS_FILE,
					"ETCD_OPERATOR_INSTALL_URL '" + url + "' does not point at release " + etcdVersion);
		}
		Map<String, Object> values = YamlDocuments.read(operatorsDirectory.resolve(VALUES_FILE)).get(0);
		for (String image : List.of("image", "bankVaults.image")) {
			Object tag = Trees.at(values, (Object[]) (image + ".tag").split("\\."));
			if (tag == null || tag.toString().isBlank() || tag.toString().equals("latest")) {
				violations.add(VALUES_FILE,
						image + ".tag '" + tag + "' is not a pinned version (the chart defaults to latest)");
			}
		}
		return violations.list();
	}

	private static void requireRelease(Violations violations, String key, String version) {
		if (!RELEASE.matcher(version).matches()) {
			violations.add(VERSIONS_FILE, key + " '" + version + "' is not a release version");
		}
	}

	private static Map<String, String> readEnv(Path file) {
		Map<String, String> values = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(file)) {
				String trimmed = line.trim();
				int equals = trimmed.indexOf('=');
				if (!trimmed.startsWith("#") && equals > 0) {
					values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return values;
	}

}
