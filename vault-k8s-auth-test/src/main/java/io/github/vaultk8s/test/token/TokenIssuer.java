package io.github.vaultk8s.test.token;

import java.util.Map;

/**
 * Issues service tokens for auth methods. Implemented by the token store.
 */
@FunctionalInterface
public interface TokenIssuer {

	/**
	 * Issues a token and returns Vault's login {@code auth} block: {@code client_token}, {@code accessor},
	 * {@code policies}, {@code token_policies}, {@code metadata}, {@code lease_duration}, {@code renewable},
	 * {@code entity_id}, {@code token_type}, {@code orphan}, {@code mfa_requirement}, {@code num_uses}.
	 */
	Map<String, Object> issue(TokenRequest request);

}
