package io.github.vaultk8s.test.acl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.vaultk8s.test.http.JsonCodec;
import tools.jackson.core.JacksonException;

/**
 * Turns policy text (HCL, or JSON as Vault also accepts) into {@link PathRule}s. Only {@code path} blocks
 * with {@code capabilities} (or the legacy {@code policy = "read"}) carry meaning; parameter constraints
 * are accepted and ignored.
 */
public final class PolicyParser {

	private PolicyParser() {
	}

	/**
	 * Parses a policy. Rules for the same pattern written twice are merged.
	 * @throws IllegalArgumentException with a readable reason when the text is not a valid policy
	 */
	public static List<PathRule> parse(String text) {
		String trimmed = text.trim();
		List<HclReader.Item> items = trimmed.startsWith("{") ? fromJson(trimmed) : HclReader.read(text);
		Map<String, Set<Capability>> rules = new LinkedHashMap<>();
		for (HclReader.Item item : items) {
			switch (item.key()) {
				case "path" -> readPath(item, rules);
				case "name" -> {
					// Vault tolerates a name key in the body and ignores it.
				}
				default -> throw new IllegalArgumentException(
						"invalid key \"" + item.key() + "\" on line " + item.line());
			}
		}
		List<PathRule> result = new ArrayList<>();
		rules.forEach((pattern, capabilities) -> result.add(new PathRule(pattern, capabilities)));
		return result;
	}

	@SuppressWarnings("unchecked")
	private static void readPath(HclReader.Item item, Map<String, Set<Capability>> rules) {
		if (item.labels().isEmpty() && item.value() instanceof List<?> blocks) {
			// path = { "a" = {...}, "b" = {...} } and the JSON form land here
			for (Object block : blocks) {
				if (!(block instanceof HclReader.Item nested)) {
					throw new IllegalArgumentException("path: expected an object on line " + item.line());
				}
				readPath(new HclReader.Item("path", List.of(nested.key()), nested.value(), nested.line()), rules);
			}
			return;
		}
		if (item.labels().size() != 1 || !(item.value() instanceof List<?>)) {
			throw new IllegalArgumentException("path: expected path \"<pattern>\" { ... } on line " + item.line());
		}
		String pattern = item.labels().get(0);
		if (pattern.startsWith("/")) {
			pattern = pattern.substring(1);
		}
		Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
		for (Object entry : (List<Object>) item.value()) {
			if (!(entry instanceof HclReader.Item field)) {
				throw new IllegalArgumentException("path \"" + pattern + "\": expected key = value");
			}
			switch (field.key()) {
				case "capabilities" -> capabilities.addAll(capabilities(pattern, field.value()));
				case "policy" -> capabilities.addAll(legacyPolicy(pattern, field.value()));
				default -> {
					// allowed_parameters, denied_parameters, required_parameters, min/max_wrapping_ttl, ...
				}
			}
		}
		Set<Capability> merged = rules.computeIfAbsent(pattern, (key) -> EnumSet.noneOf(Capability.class));
		merged.addAll(capabilities);
		if (merged.contains(Capability.DENY)) {
			merged.retainAll(Set.of(Capability.DENY));
		}
	}

	private static Set<Capability> capabilities(String pattern, Object value) {
		if (!(value instanceof List<?> names)) {
			throw new IllegalArgumentException("path \"" + pattern + "\": capabilities must be a list");
		}
		Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
		for (Object name : names) {
			Capability capability = (name instanceof String s) ? Capability.fromPolicyName(s) : null;
			if (capability == null || capability == Capability.ROOT) {
				throw new IllegalArgumentException(
						"path \"" + pattern + "\": invalid capability \"" + name + "\"");
			}
			capabilities.add(capability);
		}
		return capabilities;
	}

	private static Set<Capability> legacyPolicy(String pattern, Object value) {
		String name = String.valueOf(value);
		return switch (name) {
			case "deny" -> EnumSet.of(Capability.DENY);
			case "read" -> EnumSet.of(Capability.READ, Capability.LIST);
			case "write" -> EnumSet.of(Capability.CREATE, Capability.READ, Capability.UPDATE, Capability.DELETE,
					Capability.LIST);
			case "sudo" -> EnumSet.of(Capability.CREATE, Capability.READ, Capability.UPDATE, Capability.DELETE,
					Capability.LIST, Capability.SUDO);
			default -> throw new IllegalArgumentException(
					"path \"" + pattern + "\": invalid policy \"" + name + "\"");
		};
	}

	private static List<HclReader.Item> fromJson(String json) {
		Object tree;
		try {
			tree = JsonCodec.read(json.getBytes(StandardCharsets.UTF_8), Object.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("invalid JSON policy");
		}
		Object items = toItems(tree);
		if (!(items instanceof List<?>)) {
			throw new IllegalArgumentException("invalid JSON policy");
		}
		@SuppressWarnings("unchecked")
		List<HclReader.Item> result = (List<HclReader.Item>) items;
		return result;
	}

	/** JSON objects become item lists, so both syntaxes share one interpretation. */
	private static Object toItems(Object json) {
		if (json instanceof Map<?, ?> map) {
			List<HclReader.Item> items = new ArrayList<>();
			map.forEach((key, value) -> items.add(new HclReader.Item(String.valueOf(key), List.of(), toItems(value), 1)));
			return items;
		}
		if (json instanceof List<?> list) {
			List<Object> values = new ArrayList<>();
			for (Object value : list) {
				values.add((value instanceof Map) ? toItems(value) : value);
			}
			return values;
		}
		return json;
	}

}
