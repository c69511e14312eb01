package io.github.vaultk8s.test.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.vaultk8s.test.http.Operation;
import io.github.vaultk8s.test.http.RequestFields;
import io.github.vaultk8s.test.http.VaultApiError;
import io.github.vaultk8s.test.http.VaultBackend;
import io.github.vaultk8s.test.http.VaultRequest;
import io.github.vaultk8s.test.http.VaultResponse;

/**
 * The token auth method at {@code auth/token/}: self lookup, renewal and revocation for any token, and the
 * accessor and creation endpoints that tests drive with the root token.
 */
public final class TokenBackend implements VaultBackend {

	private final TokenStore tokens;

	public TokenBackend(TokenStore tokens) {
		this.tokens = tokens;
	}

	@Override
	public String mountType() {
		return "token";
	}

	/** As in Vault's token store, listing accessors is root-protected. */
	@Override
	public boolean requiresSudo(String path) {
		return path.startsWith("accessors");
	}

	@Override
	public VaultResponse handle(VaultRequest request) {
		Operation operation = request.operation();
		boolean write = operation == Operation.UPDATE || operation == Operation.CREATE;
		RequestFields fields = new RequestFields(request.data());
		return switch (request.path()) {
			case "lookup-self" -> {
				requireOperation(operation == Operation.READ || write);
				yield VaultResponse.data(this.tokens.describe(caller(request), true));
			}
			case "lookup" -> {
				requireOperation(write);
				TokenEntry entry = this.tokens.lookup(fields.string("token", null))
					.orElseThrow(() -> VaultApiError.badRequest("bad token"));
				yield VaultResponse.data(this.tokens.describe(entry, true));
			}
			case "renew-self" -> {
				requireOperation(write);
				yield renew(caller(request), fields, request.unknownParametersWarning(Set.of("increment")));
			}
			case "renew" -> {
				requireOperation(write);
				TokenEntry entry = this.tokens.lookup(fields.string("token", null))
					.orElseThrow(() -> VaultApiError.badRequest("invalid token"));
				yield renew(entry, fields, null);
			}
			case "revoke-self" -> {
				requireOperation(write);
				this.tokens.revoke(caller(request));
				yield VaultResponse.noContent();
			}
			case "revoke" -> {
				requireOperation(write);
				this.tokens.lookup(fields.string("token", null)).ifPresent(this.tokens::revoke);
				yield VaultResponse.noContent();
			}
			case "accessors/" -> {
				requireOperation(operation == Operation.LIST);
				List<String> accessors = this.tokens.accessors();
				if (accessors.isEmpty()) {
					throw VaultApiError.notFound();
				}
				yield VaultResponse.data(Map.of("keys", accessors));
			}
			case "lookup-accessor" -> {
				requireOperation(write);
				TokenEntry entry = byAccessor(fields);
				yield VaultResponse.data(this.tokens.describe(entry, false));
			}
			case "revoke-accessor" -> {
				requireOperation(write);
				this.tokens.revoke(byAccessor(fields));
				yield VaultResponse.noContent();
			}
			case "create", "create-orphan" -> {
				requireOperation(write);
				yield create(request, fields);
			}
			default -> throw VaultApiError.of(404, "unsupported path");
		};
	}

	private VaultResponse renew(TokenEntry entry, RequestFields fields, String warning) {
		TokenStore.Renewal renewal = this.tokens.renew(entry, fields.duration("increment", Duration.ZERO));
		VaultResponse response = VaultResponse.auth(renewal.auth());
		for (String capped : renewal.warnings()) {
			response = response.withWarning(capped);
		}
		return response.withIgnoredParametersWarning(warning);
	}

	private VaultResponse create(VaultRequest request, RequestFields fields) {
		Map<String, String> meta = fields.stringMap("meta");
		TokenRequest tokenRequest = new TokenRequest("auth/token/create",
				"token" + (fields.has("display_name") ? "-" + fields.string("display_name", "") : ""),
				fields.stringList("policies"), (meta != null) ? meta : Map.of(),
				fields.duration("ttl", Duration.ZERO), Duration.ZERO, fields.duration("period", Duration.ZERO),
				fields.duration("explicit_max_ttl", Duration.ZERO), fields.bool("no_default_policy", false),
				(int) fields.integer("num_uses", 0));
		TokenEntry entry = this.tokens.create(tokenRequest, true);
		return VaultResponse.auth(this.tokens.authBlock(entry, Duration.ZERO))
			.withIgnoredParametersWarning(request.unknownParametersWarning(Set.of("policies", "meta", "display_name",
					"ttl", "period", "explicit_max_ttl", "no_default_policy", "num_uses", "renewable", "no_parent",
					"type")));
	}

	private TokenEntry byAccessor(RequestFields fields) {
		return this.tokens.lookupByAccessor(fields.string("accessor", null))
			.orElseThrow(() -> VaultApiError.badRequest("invalid accessor"));
	}

	private TokenEntry caller(VaultRequest request) {
		return this.tokens.lookup(request.token()).orElseThrow(VaultApiError::permissionDenied);
	}

	private static void requireOperation(boolean supported) {
		if (!supported) {
			throw VaultApiError.of(405, "unsupported operation");
		}
	}

}
