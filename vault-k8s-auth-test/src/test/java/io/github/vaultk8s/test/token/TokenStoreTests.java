package io.github.vaultk8s.test.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.vaultk8s.test.MutableClock;
import io.github.vaultk8s.test.http.VaultApiError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TokenStoreTests {

	private final MutableClock clock = MutableClock.startingNow();

	private final TokenStore store = new TokenStore(this.clock);

	private static TokenRequest login(Duration ttl, Duration maxTtl) {
		return new TokenRequest("auth/kubernetes/login", "kubernetes-default-testapp", List.of("Testapp-KV-CRUD"),
				Map.of("role", "testapp", "service_account_uid", "uid-1"), ttl, maxTtl, Duration.ZERO, Duration.ZERO,
				false, 0);
	}

	@Test
	void issuesServiceTokensWithVaultsAuthBlock() {
		Map<String, Object> auth = this.store.issue(login(Duration.ofMinutes(10), Duration.ofHours(1)));
		assertThat((String) auth.get("client_token")).startsWith("hvs.").hasSize(28);
		assertThat((String) auth.get("accessor")).hasSize(24);
		assertThat(auth).containsEntry("policies", List.of("default", "testapp-kv-crud"))
			.containsEntry("token_policies", List.of("default", "testapp-kv-crud"))
			.containsEntry("lease_duration", 600L)
			.containsEntry("renewable", true)
			.containsEntry("token_type", "service")
			.containsEntry("orphan", true)
			.containsEntry("mfa_requirement", null)
			.containsEntry("num_uses", 0)
			.containsEntry("metadata", Map.of("role", "testapp", "service_account_uid", "uid-1"));
		assertThat((String) auth.get("entity_id")).isNotEmpty();
		Map<String, Object> again = this.store.issue(login(Duration.ofMinutes(10), Duration.ofHours(1)));
		assertThat(again.get("entity_id")).isEqualTo(auth.get("entity_id"));
		assertThat(again.get("client_token")).isNotEqualTo(auth.get("client_token"));
	}

	@Test
	void mountDefaultTtlWhenTheRoleHasNone() {
		Map<String, Object> auth = this.store.issue(login(Duration.ZERO, Duration.ZERO));
		assertThat(auth).containsEntry("lease_duration", 2_764_800L);
	}

	@Test
	void noDefaultPolicyLeavesItOut() {
		TokenRequest request = new TokenRequest("auth/kubernetes/login", "k", List.of("b", "a"), Map.of(),
				Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, true, 0);
		assertThat(this.store.issue(request)).containsEntry("policies", List.of("a", "b"));
	}

	@Test
	void tokensExpireOnTheClock() {
		String token = (String) this.store.issue(login(Duration.ofSeconds(30), Duration.ofHours(1))).get("client_token");
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.store.lookup(token)).isPresent();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.store.lookup(token)).isEmpty();
		assertThat(this.store.accessors()).isEmpty();
	}

	@Test
	void describeHasLookupSelfFields() {
		String token = (String) this.store.issue(login(Duration.ofMinutes(10), Duration.ofHours(1))).get("client_token");
		this.clock.advance(Duration.ofSeconds(100));
		Map<String, Object> data = this.store.describe(this.store.lookup(token).orElseThrow(), true);
		assertThat(data).containsEntry("id", token)
			.containsEntry("creation_ttl", 600L)
			.containsEntry("ttl", 500L)
			.containsEntry("display_name", "kubernetes-default-testapp")
			.containsEntry("path", "auth/kubernetes/login")
			.containsEntry("explicit_max_ttl", 0L)
			.containsEntry("num_uses", 0)
			.containsEntry("orphan", true)
			.containsEntry("renewable", true)
			.containsEntry("type", "service")
			.containsEntry("issue_time", "2026-01-02T03:04:05.123456789Z")
			.containsEntry("expire_time", "2026-01-02T03:14:05.123456789Z")
			.containsEntry("creation_time", 1767323045L)
			.containsEntry("policies", List.of("default", "testapp-kv-crud"))
			.containsKeys("accessor", "entity_id", "meta");
		assertThat(data).doesNotContainKeys("last_renewal", "period");
	}

	@Test
	void rootTokenNeverExpiresAndIsNotRenewable() {
		TokenEntry root = this.store.createRoot("root");
		this.clock.advance(Duration.ofDays(400));
		assertThat(this.store.lookup("root")).isPresent();
		Map<String, Object> data = this.store.describe(root, true);
		assertThat(data).containsEntry("expire_time", null)
			.containsEntry("ttl", 0L)
			.containsEntry("policies", List.of("root"))
			.doesNotContainKeys("issue_time", "renewable");
		assertBadRequest(() -> this.store.renew(root, Duration.ZERO), "lease is not renewable");
	}

	@Test
	void renewUsesIncrementElseRoleTtl() {
		TokenEntry entry = entry(login(Duration.ofMinutes(10), Duration.ofHours(1)));
		this.clock.advance(Duration.ofMinutes(5));
		TokenStore.Renewal renewal = this.store.renew(entry, Duration.ofMinutes(2));
		assertThat(renewal.auth()).containsEntry("lease_duration", 120L).containsEntry("client_token", entry.id());
		assertThat(renewal.warnings()).isEmpty();
		renewal = this.store.renew(entry, Duration.ZERO);
		assertThat(renewal.auth()).containsEntry("lease_duration", 600L);
		Map<String, Object> data = this.store.describe(entry, true);
		assertThat(data).containsEntry("last_renewal_time", 1767323345L)
			.containsEntry("last_renewal", "2026-01-02T03:09:05.123456789Z")
			.containsEntry("ttl", 600L)
			.containsEntry("creation_ttl", 600L);
	}

	@Test
	void renewIsCappedAtMaxTtlWithVaultsWarning() {
		TokenEntry entry = entry(login(Duration.ofMinutes(10), Duration.ofMinutes(15)));
		this.clock.advance(Duration.ofSeconds(310));
		TokenStore.Renewal renewal = this.store.renew(entry, Duration.ofHours(1));
		assertThat(renewal.warnings()).containsExactly(
				"TTL of \"1h\" exceeded the effective max_ttl of \"9m50s\"; TTL value is capped accordingly");
		assertThat(renewal.auth()).containsEntry("lease_duration", 590L);
		this.clock.advance(Duration.ofSeconds(590));
		assertThat(this.store.lookup(entry.id())).isEmpty();
	}

	@Test
	void expiredTokenCannotBeRenewed() {
		TokenEntry entry = entry(login(Duration.ofSeconds(10), Duration.ofHours(1)));
		this.clock.advance(Duration.ofSeconds(11));
		assertBadRequest(() -> this.store.renew(entry, Duration.ZERO), "lease expired");
	}

	@Test
	void revokedTokensAndAccessorsAreGone() {
		TokenEntry entry = entry(login(Duration.ofMinutes(10), Duration.ofHours(1)));
		assertThat(this.store.lookupByAccessor(entry.accessor())).contains(entry);
		assertThat(this.store.accessors()).contains(entry.accessor());
		this.store.revoke(entry);
		assertThat(this.store.lookup(entry.id())).isEmpty();
		assertThat(this.store.lookupByAccessor(entry.accessor())).isEmpty();
	}

	@Test
	void periodicTokensRenewToThePeriod() {
		TokenRequest periodic = new TokenRequest("auth/token/create", "token", List.of(), Map.of(), Duration.ZERO,
				Duration.ZERO, Duration.ofMinutes(3), Duration.ZERO, false, 0);
		TokenEntry entry = this.store.create(periodic, true);
		assertThat(entry.creationTtl()).isEqualTo(Duration.ofMinutes(3));
		assertThat(this.store.renew(entry, Duration.ofHours(5)).auth()).containsEntry("lease_duration", 180L);
		assertThat(this.store.describe(entry, true)).containsEntry("period", 180L);
	}

	private TokenEntry entry(TokenRequest request) {
		String token = (String) this.store.issue(request).get("client_token");
		return this.store.lookup(token).orElseThrow();
	}

	private static void assertBadRequest(Runnable action, String message) {
		assertThatExceptionOfType(VaultApiError.class).isThrownBy(action::run).satisfies((error) -> {
			assertThat(error.status()).isEqualTo(400);
			assertThat(error.errors()).containsExactly(message);
		});
	}

}
