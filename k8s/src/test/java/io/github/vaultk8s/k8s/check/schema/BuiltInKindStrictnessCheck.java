package io.github.vaultk8s.k8s.check.schema;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import io.github.vaultk8s.k8s.check.ManifestCheck;
import io.github.vaultk8s.k8s.check.Violation;
import io.github.vaultk8s.k8s.check.Violations;
import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.Manifests;

/**
 * Built-in kinds bind to fabric8's typed model with nothing left over. fabric8 keeps unknown fields (and
 * values of the wrong type) in {@code additionalProperties} instead of failing, so every such map in the
 * bound object graph must be empty. An apiVersion/kind fabric8 does not know is reported too, unless its
 * group is one of the custom resource groups (those are checked against their CRDs).
 */
public final class BuiltInKindStrictnessCheck implements ManifestCheck {

	private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

	// Building one scans the classpath for every model class: share it (it is thread-safe).
	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private final Set<String> customResourceGroups;

	public BuiltInKindStrictnessCheck(Set<String> customResourceGroups) {
		this.customResourceGroups = Set.copyOf(customResourceGroups);
	}

	@Override
	public List<Violation> check(Manifests manifests) {
		Violations violations = new Violations("built-in-strict");
		for (ManifestObject object : manifests.all()) {
			if (this.customResourceGroups.contains(object.group())) {
				continue;
			}
			Class<? extends KubernetesResource> type = SERIALIZATION
				.getRegisteredKubernetesResource(object.apiVersion(), object.kind());
			if (type == null) {
				violations.add(object, "apiVersion " + object.apiVersion() + " kind " + object.kind()
						+ " is not a known Kubernetes kind");
				continue;
			}
			Object bound;
			try {
				bound = SERIALIZATION.convertValue(object.content(), type);
			}
			catch (RuntimeException ex) {
				violations.add(object, "does not bind to " + type.getSimpleName() + ": " + ex.getMessage());
				continue;
			}
			collectUnknownFields(bound, "", violations, object);
		}
		return violations.list();
	}

	private static void collectUnknownFields(Object node, String path, Violations violations, ManifestObject object) {
		if (node instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				collectUnknownFields(list.get(i), path + "[" + i + "]", violations, object);
			}
			return;
		}
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> collectUnknownFields(value, path + "[" + key + "]", violations, object));
			return;
		}
		if (node == null || !node.getClass().getName().startsWith(MODEL_PACKAGE)) {
			return;
		}
		for (Method getter : node.getClass().getMethods()) {
			if (!isPropertyGetter(getter)) {
				continue;
			}
			Object value = invoke(getter, node);
			if (getter.getName().equals("getAdditionalProperties")) {
				if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
					violations.add(object, "unknown or mistyped field(s) " + unknown.keySet() + " at "
							+ (path.isEmpty() ? "the top level" : path.substring(1)));
				}
			}
			else {
				collectUnknownFields(value, path + "." + propertyName(getter), violations, object);
			}
		}
	}

	private static boolean isPropertyGetter(Method method) {
		return method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
				&& method.getName().startsWith("get") && !method.getName().equals("getClass")
				&& method.getDeclaringClass().getName().startsWith(MODEL_PACKAGE);
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read " + getter, ex);
		}
	}

	private static String propertyName(Method getter) {
		String name = getter.getName().substring(3);
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

}
