package io.github.vaultk8s.k8s.check.vault;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.Manifests;

/**
 * The policies the app's role grants are KV v2 policies for exactly its prefix: the mount is KV version 2,
 * every path goes through the KV v2 API ({@code <mount>/data|metadata|delete|undelete|destroy/...}), is
 * scoped to {@code <prefix>} or {@code <prefix>/...} (a {@code <prefix>*} glob would also match
 * {@code <prefix>2}), grants nothing beyond CRUD and list, and does grant CRUD on the data and list on the
 * metadata.
 */
public final class KvPolicyCheck implements ManifestCheck {

	private static final Set<String> KV_V2_OPERATIONS = Set.of("data", "metadata", "delete", "undelete", "destroy");

	private static final Set<String> ALLOWED_CAPABILITIES = Set.of("create", "read", "update", "patch", "delete", "list");

	private final String mount;

	private final String prefix;

	/**
	 * @param mount the KV v2 mount the app uses, e.g. {@code secret}
	 * @param prefix the path prefix the app keeps its secrets under, e.g. {@code testapp}
	 */
	public KvPolicyCheck(String mount, String prefix) {
		this.mount = mount;
		this.prefix = prefix;
	}

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("kv-policy");
		Optional<VaultConfiguration> found = VaultConfiguration.of(manifests);
		if (found.isEmpty()) {
			violations.add("manifests", "no Vault custom resource");
			return violations.list();
		}
		VaultConfiguration vault = found.get();
		checkMount(violations, vault);
		for (SpringVaultClient client : SpringVaultClient.find(manifests)) {
			String path = client.setting(SpringVaultSettings.AUTH_PATH, SpringVaultSettings.DEFAULT_AUTH_PATH);
			String roleName = client.setting(SpringVaultSettings.ROLE, "");
			Map<String, Object> role = vault.kubernetesRoles().getOrDefault(path, Map.of()).get(roleName);
			if (role == null) {
				continue; // reported by VaultRoleBindingCheck
			}
			List<String> policyNames = VaultConfiguration.listField(role, "token_policies", "policies");
			if (policyNames.isEmpty()) {
				violations.add(client.subject(), "role '" + roleName + "' grants no policy");
			}
			for (String policyName : policyNames) {
				String rules = vault.policies().get(policyName);
				if (rules == null) {
					violations.add(client.subject(), "role '" + roleName + "' grants policy '" + policyName
							+ "', which Vault's externalConfig does not define");
				}
				else {
					checkPolicy(violations, "policy " + policyName, PolicyRule.parse(rules));
				}
			}
		}
		return violations.list();
	}

	private void checkMount(Violations violations, VaultConfiguration vault) {
		Optional<Map<String, Object>> engine = vault.secretsEngines()
			.stream()
			.filter((candidate) -> this.mount.equals(String.valueOf(candidate.get("path")).replaceAll("/+$", "")))
			.findFirst();
		if (engine.isEmpty()) {
			violations.add(vault.vault(), "externalConfig mounts no secrets engine at '" + this.mount + "'");
			return;
		}
		Object version = Trees.at(engine.get(), "options", "version");
		if (!"kv".equals(engine.get().get("type")) || !"2".equals(String.valueOf(version))) {
			violations.add(vault.vault(), "secrets engine at '" + this.mount + "' is not KV version 2 (type "
					+ engine.get().get("type") + ", options.version " + version + ")");
		}
	}

	private void checkPolicy(Violations violations, String subject, List<PolicyRule> rules) {
		if (rules.isEmpty()) {
			violations.add(subject, "has no path rules");
		}
		Pattern kvPath = Pattern.compile("^" + Pattern.quote(this.mount) + "/([^/]+)/(.*)$");
		for (PolicyRule rule : rules) {
			Matcher matcher = kvPath.matcher(rule.path());
			if (!matcher.matches() || !KV_V2_OPERATIONS.contains(matcher.group(1))) {
				violations.add(subject, "path \"" + rule.path() + "\" is not a KV v2 path (" + this.mount + "/data/..., "
						+ this.mount + "/metadata/..., " + this.mount + "/delete|undelete|destroy/...)");
				continue;
			}
			String scoped = matcher.group(2);
			if (!scoped.equals(this.prefix) && !scoped.startsWith(this.prefix + "/")) {
				String glob = scoped.startsWith(this.prefix)
						? ": a '" + this.prefix + "*' glob also matches e.g. " + this.prefix + "2" : "";
				violations.add(subject, "path \"" + rule.path() + "\" is not scoped to " + this.prefix + glob);
			}
			for (String capability : rule.capabilities()) {
				if (!ALLOWED_CAPABILITIES.contains(capability)) {
					violations.add(subject,
							"path \"" + rule.path() + "\" grants '" + capability + "', beyond CRUD and list");
				}
			}
		}
		requireCapabilities(violations, subject, rules, "data/" + this.prefix + "/*",
				List.of("create", "read", "update", "delete"));
		requireCapabilities(violations, subject, rules, "metadata/" + this.prefix + "/*", List.of("list"));
	}

	private void requireCapabilities(Violations violations, String subject, List<PolicyRule> rules, String path,
			List<String> required) {
		String full = this.mount + "/" + path;
		List<String> granted = rules.stream()
			.filter((rule) -> rule.path().equals(full))
			.flatMap((rule) -> rule.capabilities().stream())
			.toList();
		if (!granted.containsAll(required)) {
			violations.add(subject, "path \"" + full + "\" must grant " + required + ", grants " + granted);
		}
	}

}
