package io.github.vaultk8s.test.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an auth method asks the token store to issue after a successful login.
 *
 * @param path the login path, e.g. {@code auth/kubernetes/login}
 * @param displayName e.g. {@code kubernetes-default-testapp}
 * @param policies the role's token policies (the store lower-cases, sorts and adds {@code default}
 * unless {@code noDefaultPolicy})
 * @param metadata the auth metadata, e.g. role and service account name
 * @param ttl the role's token TTL, {@link Duration#ZERO} for the mount default
 * @param maxTtl the role's max TTL, {@link Duration#ZERO} for the mount default
 * @param period the token period, {@link Duration#ZERO} for none
 * @param explicitMaxTtl a hard cap, {@link Duration#ZERO} for none
 * @param noDefaultPolicy whether to leave out the {@code default} policy
 * @param numUses allowed uses, 0 for unlimited
 */
public record TokenRequest(String path, String displayName, List<String> policies, Map<String, String> metadata,
		Duration ttl, Duration maxTtl, Duration period, Duration explicitMaxTtl, boolean noDefaultPolicy,
		int numUses) {

	public TokenRequest {
		policies = List.copyOf(policies);
		metadata = Map.copyOf(metadata);
	}

}
