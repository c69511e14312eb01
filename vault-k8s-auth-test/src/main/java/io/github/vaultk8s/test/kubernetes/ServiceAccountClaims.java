package io.github.vaultk8s.test.kubernetes;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who a service-account JWT says it is, read as Vault reads it: the projected-token claims under
 * {@code kubernetes.io} when present, else the legacy secret-based claims.
 *
 * @param namespace the service account's namespace
 * @param name the service account's name
 * @param uid the service account's UID ("" when absent)
 * @param secretName the legacy token's secret ("" for projected tokens)
 * @param podName the pod a projected token is bound to ("" when absent)
 * @param podUid that pod's UID ("" when absent)
 * @param audiences the {@code aud} claim (a single string counts as a one-item list)
 */
record ServiceAccountClaims(String namespace, String name, String uid, String secretName, String podName,
		String podUid, List<String> audiences) {

	static ServiceAccountClaims from(Map<String, Object> claims) {
		String namespace = text(claims.get("kubernetes.io/serviceaccount/namespace"));
		String name = text(claims.get("kubernetes.io/serviceaccount/service-account.name"));
		String uid = text(claims.get("kubernetes.io/serviceaccount/service-account.uid"));
		String secretName = text(claims.get("kubernetes.io/serviceaccount/secret.name"));
		String podName = "";
		String podUid = "";
		if (claims.get("kubernetes.io") instanceof Map<?, ?> projected) {
			namespace = text(projected.get("namespace"));
			if (projected.get("serviceaccount") instanceof Map<?, ?> serviceAccount) {
				name = text(serviceAccount.get("name"));
				uid = text(serviceAccount.get("uid"));
			}
			if (projected.get("pod") instanceof Map<?, ?> pod) {
				podName = text(pod.get("name"));
				podUid = text(pod.get("uid"));
			}
		}
		return new ServiceAccountClaims(namespace, name, uid, secretName, podName, podUid, audiences(claims.get("aud")));
	}

	private static List<String> audiences(Object aud) {
		if (aud instanceof String single) {
			return List.of(single);
		}
		if (aud instanceof Collection<?> many) {
			return many.stream().map(ServiceAccountClaims::text).toList();
		}
		return List.of();
	}

	private static String text(Object value) {
		return (value instanceof String text) ? text : "";
	}

}
