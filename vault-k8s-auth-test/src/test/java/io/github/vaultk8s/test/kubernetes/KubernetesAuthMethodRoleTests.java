package io.github.vaultk8s.test.kubernetes;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.vaultk8s.test.kubernetes.KubernetesAuthMethodLoginTests.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles of {@link KubernetesAuthMethod}: what a write accepts and stores, how a read reports it, and
 * Vault's refusals, each leaving the stored role untouched.
 */
class KubernetesAuthMethodRoleTests {

	private static final String NO_AUDIENCE_WARNING = "Role testapp does not have an audience configured. While "
			+ "audiences are not required, consider specifying one if your use case would benefit from additional "
			+ "JWT claim verification.";

	private final KubernetesAuthMethod auth = new KubernetesAuthMethod((request) -> Map.of(), Clock.systemUTC());

	@Test
	void minimalRoleReadsBackWithVaultsDefaults() {
		List<String> warnings = this.auth.writeRole("testapp",
				Map.of("bound_service_account_names", "testapp", "bound_service_account_namespaces", "apps"));
		assertThat(warnings).containsExactly(NO_AUDIENCE_WARNING);
		Map<String, Object> role = this.auth.readRole("testapp").orElseThrow();
		assertThat(role).containsEntry("bound_service_account_names", List.of("testapp"))
			.containsEntry("bound_service_account_namespaces", List.of("apps"))
			.containsEntry("bound_service_account_namespace_selector", "")
			.containsEntry("alias_name_source", "serviceaccount_uid")
			.containsEntry("token_policies", List.of())
			.containsEntry("token_bound_cidrs", List.of())
			.containsEntry("token_ttl", 0L)
			.containsEntry("token_max_ttl", 0L)
			.containsEntry("token_period", 0L)
			.containsEntry("token_explicit_max_ttl", 0L)
			.containsEntry("token_no_default_policy", false)
			.containsEntry("token_num_uses", 0)
			.containsEntry("token_type", "default")
			.doesNotContainKeys("audience", "policies", "ttl", "max_ttl", "period", "num_uses", "bound_cidrs");
	}

	@Test
	void fullRoleReadsBackWithDurationsInSeconds() {
		Map<String, Object> body = new HashMap<>();
		body.put("bound_service_account_names", List.of("testapp", "worker"));
		body.put("bound_service_account_namespaces", "apps, batch");
		body.put("audience", "vault");
		body.put("alias_name_source", "serviceaccount_name");
		body.put("token_policies", List.of("testapp", "Shared"));
		body.put("token_bound_cidrs", "10.0.0.0/8,192.168.1.7");
		body.put("token_ttl", "1h");
		body.put("token_max_ttl", "1h30m");
		body.put("token_period", 0);
		body.put("token_explicit_max_ttl", "2d");
		body.put("token_no_default_policy", "true");
		body.put("token_num_uses", "3");
		body.put("token_type", "service");
		assertThat(this.auth.writeRole("testapp", body)).isEmpty();
		Map<String, Object> role = this.auth.readRole("testapp").orElseThrow();
		assertThat(role).containsEntry("bound_service_account_names", List.of("testapp", "worker"))
			.containsEntry("bound_service_account_namespaces", List.of("apps", "batch"))
			.containsEntry("audience", "vault")
			.containsEntry("alias_name_source", "serviceaccount_name")
			.containsEntry("token_policies", List.of("testapp", "Shared"))
			.containsEntry("token_bound_cidrs", List.of("10.0.0.0/8", "192.168.1.7"))
			.containsEntry("token_ttl", 3600L)
			.containsEntry("token_max_ttl", 5400L)
			.containsEntry("token_explicit_max_ttl", 172800L)
			.containsEntry("token_no_default_policy", true)
			.containsEntry("token_num_uses", 3)
			.containsEntry("token_type", "service");
	}

	@Test
	void durationsAcceptGoStringsAndSeconds() {
		assertThat(ttlAfterWriting("30s")).isEqualTo(30L);
		assertThat(ttlAfterWriting(45)).isEqualTo(45L);
		assertThat(ttlAfterWriting("90")).isEqualTo(90L);
		assertThat(ttlAfterWriting("1.5m")).isEqualTo(90L);
		assertThat(ttlAfterWriting("2h")).isEqualTo(7200L);
		assertThat(ttlAfterWriting("1500ms")).isEqualTo(1L);
	}

	private Object ttlAfterWriting(Object ttl) {
		this.auth.writeRole("testapp", Map.of("bound_service_account_names", "a", "bound_service_account_namespaces",
				"b", "token_ttl", ttl));
		return this.auth.readRole("testapp").orElseThrow().get("token_ttl");
	}

	@Test
	void unparsableDurationFailsFieldValidation() {
		assertRefused(() -> this.auth.writeRole("testapp", Map.of("bound_service_account_names", "a",
				"bound_service_account_namespaces", "b", "token_ttl", "soon")), 400,
				"Field validation failed: error converting input for field \"token_ttl\": time: invalid duration \"soon\"");
		assertThat(this.auth.readRole("testapp")).isEmpty();
	}

	@Test
	void namesAreStoredLowerCaseAndListedSorted() {
		writeValid("Zeta");
		writeValid("alpha");
		writeValid("MyRole");
		assertThat(this.auth.listRoles()).containsExactly("alpha", "myrole", "zeta");
		assertThat(this.auth.readRole("MYROLE")).isPresent();
		this.auth.deleteRole("myRole");
		assertThat(this.auth.listRoles()).containsExactly("alpha", "zeta");
		assertThat(this.auth.readRole("myrole")).isEmpty();
	}

	@Test
	void deletingAMissingRoleSucceeds() {
		this.auth.deleteRole("never-written");
		assertThat(this.auth.listRoles()).isEmpty();
	}

	@Test
	void roleNamesOutsideVaultsPathPatternAreUnsupportedPaths() {
		assertRefused(() -> this.auth.writeRole("bad name", Map.of()), 404, "unsupported path");
		assertRefused(() -> this.auth.readRole("-leading"), 404, "unsupported path");
	}

	@Test
	void writeUpdatesAnExistingRoleFieldByField() {
		this.auth.writeRole("testapp", Map.of("bound_service_account_names", "testapp",
				"bound_service_account_namespaces", "apps", "audience", "vault", "token_policies", "p"));
		this.auth.writeRole("testapp", Map.of("token_ttl", "10m"));
		Map<String, Object> role = this.auth.readRole("testapp").orElseThrow();
		assertThat(role).containsEntry("bound_service_account_names", List.of("testapp"))
			.containsEntry("audience", "vault")
			.containsEntry("token_policies", List.of("p"))
			.containsEntry("token_ttl", 600L);
	}

	@Test
	void missingOrEmptyServiceAccountNamesAreRefused() {
		String message = "\"bound_service_account_names\" can not be empty";
		assertRefused(() -> this.auth.writeRole("testapp", Map.of("bound_service_account_namespaces", "apps")), 400,
				message);
		assertRefused(() -> this.auth.writeRole("testapp",
				Map.of("bound_service_account_names", "", "bound_service_account_namespaces", "apps")), 400, message);
		assertRefused(() -> this.auth.writeRole("testapp",
				Map.of("bound_service_account_names", List.of(), "bound_service_account_namespaces", "apps")), 400,
				message);
		assertThat(this.auth.listRoles()).isEmpty();
	}

	@Test
	void missingNamespacesWithoutSelectorAreRefused() {
		assertRefused(() -> this.auth.writeRole("testapp", Map.of("bound_service_account_names", "testapp")), 400,
				"\"bound_service_account_namespaces\" can not be empty if "
						+ "\"bound_service_account_namespace_selector\" is not set");
	}

	@Test
	void namespaceSelectorStandsInForNamespaces() {
		this.auth.writeRole("testapp", Map.of("bound_service_account_names", "testapp",
				"bound_service_account_namespace_selector", "{\"matchLabels\":{\"vault\":\"yes\"}}"));
		Map<String, Object> role = this.auth.readRole("testapp").orElseThrow();
		assertThat(role).containsEntry("bound_service_account_namespaces", null)
			.containsEntry("bound_service_account_namespace_selector", "{\"matchLabels\":{\"vault\":\"yes\"}}");
	}

	@Test
	void unreadableNamespaceSelectorIsRefused() {
		assertRefused(() -> this.auth.writeRole("testapp", Map.of("bound_service_account_names", "testapp",
				"bound_service_account_namespace_selector", "{not json")), 400,
				"invalid \"bound_service_account_namespace_selector\" configured");
	}

	@Test
	void starMixedWithValuesIsRefusedForNamesAndNamespaces() {
		assertRefused(() -> this.auth.writeRole("testapp",
				Map.of("bound_service_account_names", "*,testapp", "bound_service_account_namespaces", "apps")), 400,
				"can not mix \"*\" with values");
		assertRefused(() -> this.auth.writeRole("testapp",
				Map.of("bound_service_account_names", "testapp", "bound_service_account_namespaces", List.of("apps", "*"))),
				400, "can not mix \"*\" with values");
	}

	@Test
	void tokenTtlAboveTokenMaxTtlIsRefused() {
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("token_ttl", "2h", "token_max_ttl", "1h"))),
				400, "'token_ttl' cannot be greater than 'token_max_ttl'");
	}

	@Test
	void legacyTtlAboveLegacyMaxTtlIsRefused() {
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("ttl", "2h", "max_ttl", "1h"))), 400,
				"token ttl should not be greater than token max ttl");
	}

	@Test
	void negativeValuesAreRefused() {
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("token_ttl", -5))), 400,
				"'token_ttl' cannot be negative");
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("token_max_ttl", "-1h"))), 400,
				"'token_max_ttl' cannot be negative");
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("token_num_uses", -1))), 400,
				"'token_num_uses' cannot be negative");
	}

	@Test
	void unknownTokenTypeIsRefused() {
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("token_type", "default-service"))), 400,
				"invalid 'token_type' value \"default-service\"");
	}

	@Test
	void periodicBatchTokensAreRefused() {
		assertRefused(
				() -> this.auth.writeRole("testapp", validWith(Map.of("token_type", "batch", "token_period", "1h"))),
				400, "'token_type' cannot be 'batch' or 'default_batch' when set to generate periodic tokens");
	}

	@Test
	void periodBeyondTheMountMaximumIsRefused() {
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("token_period", "800h"))), 400,
				"token period of '\"800h0m0s\"' is greater than the backend's maximum lease TTL of '\"768h0m0s\"'");
	}

	@Test
	void maxTtlBeyondTheMountMaximumIsAWarning() {
		assertThat(this.auth.writeRole("testapp", validWith(Map.of("token_max_ttl", "1000h")))).containsExactly(
				"max_ttl is greater than the system or backend mount's maximum TTL value; issued tokens' max TTL "
						+ "value will be truncated");
	}

	@Test
	void unparsableBoundCidrIsRefused() {
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("token_bound_cidrs", "10.0.0.0/33"))), 400,
				"error parsing address \"10.0.0.0/33\": Unable to convert \"10.0.0.0/33\" to an IPv4 or IPv6 address, "
						+ "or a UNIX Socket");
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("token_bound_cidrs", "example.com"))), 400,
				"error parsing address \"example.com\": Unable to convert \"example.com\" to an IPv4 or IPv6 "
						+ "address, or a UNIX Socket");
	}

	@Test
	void unknownAliasNameSourceIsRefused() {
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("alias_name_source", "pod_name"))), 400,
				"invalid alias_name_source, must be one of: serviceaccount_uid, serviceaccount_name");
	}

	@Test
	void refusedWriteLeavesTheStoredRoleUnchanged() {
		this.auth.writeRole("testapp", validWith(Map.of("token_ttl", "1h")));
		Map<String, Object> before = this.auth.readRole("testapp").orElseThrow();
		assertRefused(() -> this.auth.writeRole("testapp", Map.of("token_ttl", "3h", "token_max_ttl", "2h")), 400,
				"'token_ttl' cannot be greater than 'token_max_ttl'");
		assertRefused(() -> this.auth.writeRole("testapp", Map.of("bound_service_account_names", "")), 400,
				"\"bound_service_account_names\" can not be empty");
		assertThat(this.auth.readRole("testapp")).contains(before);
	}

	@Test
	void legacyNamesSetTheTokenFieldsAndReadBackUnderBothNames() {
		this.auth.writeRole("testapp", validWith(Map.of("policies", "B, a,a", "ttl", "1h", "max_ttl", "2h", "period",
				"30m", "num_uses", 2, "bound_cidrs", "10.0.0.0/8")));
		Map<String, Object> role = this.auth.readRole("testapp").orElseThrow();
		assertThat(role).containsEntry("policies", List.of("a", "b"))
			.containsEntry("token_policies", List.of("a", "b"))
			.containsEntry("ttl", 3600L)
			.containsEntry("token_ttl", 3600L)
			.containsEntry("max_ttl", 7200L)
			.containsEntry("token_max_ttl", 7200L)
			.containsEntry("period", 1800L)
			.containsEntry("token_period", 1800L)
			.containsEntry("num_uses", 2)
			.containsEntry("token_num_uses", 2)
			.containsEntry("bound_cidrs", List.of("10.0.0.0/8"))
			.containsEntry("token_bound_cidrs", List.of("10.0.0.0/8"));
	}

	@Test
	void newNameAloneClearsTheLegacyMirror() {
		this.auth.writeRole("testapp", validWith(Map.of("ttl", "1h")));
		this.auth.writeRole("testapp", Map.of("token_ttl", "2h"));
		assertThat(this.auth.readRole("testapp").orElseThrow()).containsEntry("token_ttl", 7200L)
			.doesNotContainKey("ttl");
	}

	@Test
	void newNameWinsOverTheLegacyName() {
		this.auth.writeRole("testapp", validWith(Map.of("ttl", "1h", "token_ttl", "2h")));
		assertThat(this.auth.readRole("testapp").orElseThrow()).containsEntry("token_ttl", 7200L)
			.containsEntry("ttl", 7200L);
	}

	@Test
	void wronglyTypedFieldFailsValidation() {
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("token_no_default_policy", "maybe"))),
				400, "Field validation failed: error converting input for field \"token_no_default_policy\": "
						+ "strconv.ParseBool: invalid syntax");
		assertRefused(() -> this.auth.writeRole("testapp", validWith(Map.of("token_num_uses", "many"))), 400,
				"Field validation failed: error converting input for field \"token_num_uses\": expected an integer");
	}

	private void writeValid(String name) {
		this.auth.writeRole(name, validWith(Map.of()));
	}

	private static Map<String, Object> validWith(Map<String, Object> fields) {
		Map<String, Object> body = new HashMap<>(fields);
		body.put("bound_service_account_names", "testapp");
		body.put("bound_service_account_namespaces", "apps");
		body.put("audience", "vault");
		return body;
	}

}
