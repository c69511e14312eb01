package io.github.vaultk8s.test.kubernetes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.vaultk8s.test.http.RequestFields;
import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.time.GoDuration;
import io.github.vaultk8s.test.time.GoQuote;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A role of {@code auth/kubernetes/role/:name}. A write updates a copy of the stored role field by field
 * (absent fields keep their values), with Vault's checks and messages in Vault's order, including the
 * legacy {@code policies}/{@code ttl}/{@code max_ttl}/{@code period}/{@code num_uses}/{@code bound_cidrs}
 * names. Stored instances are never changed: a write makes a new one.
 */
final class KubernetesRole {

	/** Dev-mode Vault's mount and system maximum lease TTL (32 days). */
	static final Duration MAX_LEASE_TTL = Duration.ofHours(768);

	static final String ALIAS_SOURCE_UID = "serviceaccount_uid";

	static final String ALIAS_SOURCE_NAME = "serviceaccount_name";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	List<String> boundServiceAccountNames = List.of();

	/** Null until set, as Vault reads back {@code null} for a role bound by selector only. */
	List<String> boundServiceAccountNamespaces;

	String namespaceSelector = "";

	String audience = "";

	String aliasNameSource = "";

	List<String> tokenPolicies = List.of();

	List<CidrBlock> tokenBoundCidrs = List.of();

	Duration tokenTtl = Duration.ZERO;

	Duration tokenMaxTtl = Duration.ZERO;

	Duration tokenPeriod = Duration.ZERO;

	Duration tokenExplicitMaxTtl = Duration.ZERO;

	boolean tokenNoDefaultPolicy;

	int tokenNumUses;

	String tokenType = "default";

	// Legacy mirrors, read back only while a legacy name was used to set them.
	List<String> policies = List.of();

	List<CidrBlock> boundCidrs = List.of();

	Duration ttl = Duration.ZERO;

	Duration maxTtl = Duration.ZERO;

	Duration period = Duration.ZERO;

	int numUses;

	KubernetesRole copy() {
		KubernetesRole copy = new KubernetesRole();
		copy.boundServiceAccountNames = this.boundServiceAccountNames;
		copy.boundServiceAccountNamespaces = this.boundServiceAccountNamespaces;
		copy.namespaceSelector = this.namespaceSelector;
		copy.audience = this.audience;
		copy.aliasNameSource = this.aliasNameSource;
		copy.tokenPolicies = this.tokenPolicies;
		copy.tokenBoundCidrs = this.tokenBoundCidrs;
		copy.tokenTtl = this.tokenTtl;
		copy.tokenMaxTtl = this.tokenMaxTtl;
		copy.tokenPeriod = this.tokenPeriod;
		copy.tokenExplicitMaxTtl = this.tokenExplicitMaxTtl;
		copy.tokenNoDefaultPolicy = this.tokenNoDefaultPolicy;
		copy.tokenNumUses = this.tokenNumUses;
		copy.tokenType = this.tokenType;
		copy.policies = this.policies;
		copy.boundCidrs = this.boundCidrs;
		copy.ttl = this.ttl;
		copy.maxTtl = this.maxTtl;
		copy.period = this.period;
		copy.numUses = this.numUses;
		return copy;
	}

	/**
	 * Applies a write to this (fresh or copied) role.
	 * @param name the role name as written, for the warning text
	 * @param creating whether no role of that name exists yet
	 * @return Vault's warnings
	 */
	List<String> apply(String name, RequestFields fields, boolean creating) {
		RoleInput input = new RoleInput(fields);
		applyTokenFields(input);
		applyLegacyFields(input);
		List<String> warnings = new ArrayList<>();
		if (this.tokenPeriod.compareTo(MAX_LEASE_TTL) > 0) {
			throw VaultApiError.badRequest("token period of '" + GoQuote.of(GoDuration.format(this.tokenPeriod))
					+ "' is greater than the backend's maximum lease TTL of '"
					+ GoQuote.of(GoDuration.format(MAX_LEASE_TTL)) + "'");
		}
		if (!this.tokenMaxTtl.isZero() && this.tokenTtl.compareTo(this.tokenMaxTtl) > 0) {
			throw VaultApiError.badRequest("token ttl should not be greater than token max ttl");
		}
		if (this.tokenMaxTtl.compareTo(MAX_LEASE_TTL) > 0) {
			warnings.add("max_ttl is greater than the system or backend mount's maximum TTL value; issued tokens' "
					+ "max TTL value will be truncated");
		}
		if (input.names.isPresent()) {
			this.boundServiceAccountNames = input.names.get();
		}
		else if (creating) {
			this.boundServiceAccountNames = List.of();
		}
		if (this.boundServiceAccountNames.isEmpty()) {
			throw VaultApiError.badRequest("\"bound_service_account_names\" can not be empty");
		}
		if (this.boundServiceAccountNames.size() > 1 && this.boundServiceAccountNames.contains("*")) {
			throw VaultApiError.badRequest("can not mix \"*\" with values");
		}
		input.namespaces.ifPresent((namespaces) -> this.boundServiceAccountNamespaces = namespaces);
		this.namespaceSelector = input.namespaceSelector;
		List<String> namespaces = (this.boundServiceAccountNamespaces != null) ? this.boundServiceAccountNamespaces
				: List.of();
		if (namespaces.isEmpty() && this.namespaceSelector.isEmpty()) {
			throw VaultApiError.badRequest("\"bound_service_account_namespaces\" can not be empty if "
					+ "\"bound_service_account_namespace_selector\" is not set");
		}
		if (!this.namespaceSelector.isEmpty() && !isLabelSelector(this.namespaceSelector)) {
			throw VaultApiError.badRequest("invalid \"bound_service_account_namespace_selector\" configured");
		}
		if (namespaces.size() > 1 && namespaces.contains("*")) {
			throw VaultApiError.badRequest("can not mix \"*\" with values");
		}
		input.audience.ifPresent((audience) -> this.audience = audience);
		if (this.audience.isBlank()) {
			warnings.add("Role " + name + " does not have an audience configured. While audiences are not required, "
					+ "consider specifying one if your use case would benefit from additional JWT claim verification.");
		}
		if (input.aliasNameSource.isPresent()) {
			String source = input.aliasNameSource.get();
			this.aliasNameSource = (this.aliasNameSource.isEmpty() && source.isEmpty()) ? ALIAS_SOURCE_UID : source;
		}
		else if (this.aliasNameSource.isEmpty()) {
			this.aliasNameSource = ALIAS_SOURCE_UID;
		}
		if (!this.aliasNameSource.equals(ALIAS_SOURCE_UID) && !this.aliasNameSource.equals(ALIAS_SOURCE_NAME)) {
			throw VaultApiError.badRequest("invalid alias_name_source, must be one of: " + ALIAS_SOURCE_UID + ", "
					+ ALIAS_SOURCE_NAME);
		}
		return warnings;
	}

	/** Vault's {@code tokenutil.ParseTokenFields}, checks in its order. */
	private void applyTokenFields(RoleInput input) {
		if (input.tokenBoundCidrs.isPresent()) {
			this.tokenBoundCidrs = cidrs(input.tokenBoundCidrs.get());
		}
		input.tokenExplicitMaxTtl.ifPresent((value) -> this.tokenExplicitMaxTtl = value);
		input.tokenMaxTtl.ifPresent((value) -> this.tokenMaxTtl = value);
		if (this.tokenMaxTtl.isNegative()) {
			throw VaultApiError.badRequest("'token_max_ttl' cannot be negative");
		}
		input.tokenNoDefaultPolicy.ifPresent((value) -> this.tokenNoDefaultPolicy = value);
		input.tokenPeriod.ifPresent((value) -> this.tokenPeriod = value);
		if (this.tokenPeriod.isNegative()) {
			throw VaultApiError.badRequest("'token_period' cannot be negative");
		}
		input.tokenPolicies.ifPresent((value) -> this.tokenPolicies = value);
		if (input.tokenType.isPresent()) {
			this.tokenType = switch (input.tokenType.get()) {
				case "", "default" -> "default";
				case "service" -> "service";
				case "batch" -> "batch";
				default -> throw VaultApiError.badRequest("invalid 'token_type' value " + GoQuote.of(input.tokenType.get()));
			};
		}
		input.tokenNumUses.ifPresent((value) -> this.tokenNumUses = value);
		if (this.tokenNumUses < 0) {
			throw VaultApiError.badRequest("'token_num_uses' cannot be negative");
		}
		if (this.tokenType.equals("batch")) {
			if (!this.tokenPeriod.isZero()) {
				throw VaultApiError.badRequest(
						"'token_type' cannot be 'batch' or 'default_batch' when set to generate periodic tokens");
			}
			if (this.tokenNumUses != 0) {
				throw VaultApiError.badRequest("'token_type' cannot be 'batch' or 'default_batch' when set to generate "
						+ "tokens with limited use count");
			}
		}
		input.tokenTtl.ifPresent((value) -> this.tokenTtl = value);
		if (this.tokenTtl.isNegative()) {
			throw VaultApiError.badRequest("'token_ttl' cannot be negative");
		}
		if (!this.tokenTtl.isZero() && !this.tokenMaxTtl.isZero() && this.tokenTtl.compareTo(this.tokenMaxTtl) > 0) {
			throw VaultApiError.badRequest("'token_ttl' cannot be greater than 'token_max_ttl'");
		}
	}

	/**
	 * Vault's {@code tokenutil.UpgradeValue}: a legacy name sets both values unless the new name is given too;
	 * the new name alone clears the legacy mirror.
	 */
	private void applyLegacyFields(RoleInput input) {
		if (input.tokenPolicies.isEmpty()) {
			input.policies.ifPresent((value) -> {
				this.policies = sanitizePolicies(value);
				this.tokenPolicies = this.policies;
			});
		}
		else {
			this.policies = input.policies.isPresent() ? this.tokenPolicies : List.of();
		}
		if (input.tokenBoundCidrs.isEmpty()) {
			if (input.boundCidrs.isPresent()) {
				this.boundCidrs = cidrs(input.boundCidrs.get());
				this.tokenBoundCidrs = this.boundCidrs;
			}
		}
		else {
			this.boundCidrs = input.boundCidrs.isPresent() ? this.tokenBoundCidrs : List.of();
		}
		if (input.tokenNumUses.isEmpty()) {
			input.numUses.ifPresent((value) -> {
				this.numUses = value;
				this.tokenNumUses = value;
			});
		}
		else {
			this.numUses = input.numUses.isPresent() ? this.tokenNumUses : 0;
		}
		if (input.tokenTtl.isEmpty()) {
			input.ttl.ifPresent((value) -> {
				this.ttl = value;
				this.tokenTtl = value;
			});
		}
		else {
			this.ttl = input.ttl.isPresent() ? this.tokenTtl : Duration.ZERO;
		}
		if (input.tokenMaxTtl.isEmpty()) {
			input.maxTtl.ifPresent((value) -> {
				this.maxTtl = value;
				this.tokenMaxTtl = value;
			});
		}
		else {
			this.maxTtl = input.maxTtl.isPresent() ? this.tokenMaxTtl : Duration.ZERO;
		}
		if (input.tokenPeriod.isEmpty()) {
			input.period.ifPresent((value) -> {
				this.period = value;
				this.tokenPeriod = value;
			});
		}
		else {
			this.period = input.period.isPresent() ? this.tokenPeriod : Duration.ZERO;
		}
	}

	private static List<CidrBlock> cidrs(List<String> values) {
		List<CidrBlock> blocks = new ArrayList<>();
		for (String value : values) {
			try {
				blocks.add(CidrBlock.parse(value));
			}
			catch (IllegalArgumentException ex) {
				throw VaultApiError.badRequest(ex.getMessage());
			}
		}
		return List.copyOf(blocks);
	}

	/** Vault's {@code policyutil.ParsePolicies}: trimmed, lower-case, sorted, unique; {@code root} alone wins. */
	private static List<String> sanitizePolicies(List<String> values) {
		TreeSet<String> sanitized = new TreeSet<>();
		for (String value : values) {
			String policy = value.trim().toLowerCase(Locale.ROOT);
			if (policy.equals("root")) {
				return List.of("root");
			}
			if (!policy.isEmpty()) {
				sanitized.add(policy);
			}
		}
		return List.copyOf(sanitized);
	}

	/** A JSON label selector object; Vault also takes YAML, which the stand-in does not read. */
	private static boolean isLabelSelector(String selector) {
		try {
			JsonNode node = JSON.readTree(selector);
			return node != null && node.isObject();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/** The read answer, keys sorted as Vault's JSON has them, durations in seconds. */
	Map<String, Object> toResponse() {
		Map<String, Object> data = new TreeMap<>();
		data.put("bound_service_account_names", this.boundServiceAccountNames);
		data.put("bound_service_account_namespaces", this.boundServiceAccountNamespaces);
		data.put("bound_service_account_namespace_selector", this.namespaceSelector);
		if (!this.audience.isEmpty()) {
			data.put("audience", this.audience);
		}
		data.put("token_bound_cidrs", this.tokenBoundCidrs.stream().map(CidrBlock::toString).toList());
		data.put("token_explicit_max_ttl", this.tokenExplicitMaxTtl.toSeconds());
		data.put("token_max_ttl", this.tokenMaxTtl.toSeconds());
		data.put("token_no_default_policy", this.tokenNoDefaultPolicy);
		data.put("token_period", this.tokenPeriod.toSeconds());
		data.put("token_policies", this.tokenPolicies);
		data.put("token_type", this.tokenType);
		data.put("token_ttl", this.tokenTtl.toSeconds());
		data.put("token_num_uses", this.tokenNumUses);
		if (!this.policies.isEmpty()) {
			data.put("policies", this.tokenPolicies);
		}
		if (!this.boundCidrs.isEmpty()) {
			data.put("bound_cidrs", data.get("token_bound_cidrs"));
		}
		if (this.ttl.compareTo(Duration.ZERO) > 0) {
			data.put("ttl", this.ttl.toSeconds());
		}
		if (this.maxTtl.compareTo(Duration.ZERO) > 0) {
			data.put("max_ttl", this.maxTtl.toSeconds());
		}
		if (this.period.compareTo(Duration.ZERO) > 0) {
			data.put("period", this.period.toSeconds());
		}
		if (this.numUses > 0) {
			data.put("num_uses", this.numUses);
		}
		data.put("alias_name_source", this.aliasNameSource);
		return data;
	}

	/** Every field of a role write, converted up front as Vault's framework does before the handler runs. */
	private static final class RoleInput {

		final Optional<List<String>> names;

		final Optional<List<String>> namespaces;

		final String namespaceSelector;

		final Optional<String> audience;

		final Optional<String> aliasNameSource;

		final Optional<List<String>> tokenBoundCidrs;

		final Optional<Duration> tokenExplicitMaxTtl;

		final Optional<Duration> tokenMaxTtl;

		final Optional<Boolean> tokenNoDefaultPolicy;

		final Optional<Duration> tokenPeriod;

		final Optional<List<String>> tokenPolicies;

		final Optional<String> tokenType;

		final Optional<Integer> tokenNumUses;

		final Optional<Duration> tokenTtl;

		final Optional<List<String>> policies;

		final Optional<List<String>> boundCidrs;

		final Optional<Integer> numUses;

		final Optional<Duration> ttl;

		final Optional<Duration> maxTtl;

		final Optional<Duration> period;

		RoleInput(RequestFields fields) {
			this.names = fields.commaStrings("bound_service_account_names");
			this.namespaces = fields.commaStrings("bound_service_account_namespaces");
			this.namespaceSelector = fields.stringOrEmpty("bound_service_account_namespace_selector");
			this.audience = fields.optionalString("audience");
			this.aliasNameSource = fields.optionalString("alias_name_source");
			this.tokenBoundCidrs = fields.commaStrings("token_bound_cidrs");
			this.tokenExplicitMaxTtl = fields.durationSeconds("token_explicit_max_ttl");
			this.tokenMaxTtl = fields.durationSeconds("token_max_ttl");
			this.tokenNoDefaultPolicy = fields.optionalBool("token_no_default_policy");
			this.tokenPeriod = fields.durationSeconds("token_period");
			this.tokenPolicies = fields.commaStrings("token_policies");
			this.tokenType = fields.optionalString("token_type");
			this.tokenNumUses = fields.optionalInteger("token_num_uses");
			this.tokenTtl = fields.durationSeconds("token_ttl");
			this.policies = fields.commaStrings("policies");
			this.boundCidrs = fields.commaStrings("bound_cidrs");
			this.numUses = fields.optionalInteger("num_uses");
			this.ttl = fields.durationSeconds("ttl");
			this.maxTtl = fields.durationSeconds("max_ttl");
			this.period = fields.durationSeconds("period");
		}

	}

}
