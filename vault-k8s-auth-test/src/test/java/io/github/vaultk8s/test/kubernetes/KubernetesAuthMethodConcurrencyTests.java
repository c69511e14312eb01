package io.github.vaultk8s.test.kubernetes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KubernetesAuthMethod} used from several threads at once: logins keep succeeding while the role
 * and the config are rewritten, and every login gets a consistent role.
 */
class KubernetesAuthMethodConcurrencyTests {

	private final MutableClock clock = MutableClock.startingNow();

	private final ServiceAccountTokens tokens = new ServiceAccountTokens(this.clock, TestKeys.CLUSTER);

	private final TokenReviewServer kubernetes = TokenReviewServer.http(this.tokens);

	private final RecordingTokenIssuer issuer = new RecordingTokenIssuer();

	private final KubernetesAuthMethod auth = new KubernetesAuthMethod(this.issuer, this.clock);

	private final ExecutorService threads = Executors.newFixedThreadPool(6);

	@AfterEach
	void stop() throws InterruptedException {
		this.threads.shutdownNow();
		this.threads.awaitTermination(10, TimeUnit.SECONDS);
		this.kubernetes.close();
	}

	@Test
	void loginsSucceedWhileRoleAndConfigAreRewritten() throws Exception {
		Map<String, Object> config = Map.of("kubernetes_host", this.kubernetes.url(), "token_reviewer_jwt",
				this.tokens.reviewerToken());
		this.auth.writeConfig(config);
		this.auth.writeRole("testapp", role("1h"));
		String jwt = this.tokens.mint("apps", "testapp", "vault", Duration.ofMinutes(10));

		List<Callable<Object>> work = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			work.add(() -> this.auth.login(Map.of("role", "testapp", "jwt", jwt), "127.0.0.1"));
		}
		for (int i = 0; i < 10; i++) {
			String ttl = (i % 2 == 0) ? "2h" : "1h";
			work.add(() -> this.auth.writeRole("testapp", role(ttl)));
			work.add(() -> {
				this.auth.writeConfig(config);
				return null;
			});
		}
		for (Future<Object> result : this.threads.invokeAll(work, 60, TimeUnit.SECONDS)) {
			assertThat(result.isCancelled()).isFalse();
			result.get();
		}
		assertThat(this.issuer.requests()).hasSize(30)
			.allSatisfy((request) -> assertThat(request.ttl()).isIn(Duration.ofHours(1), Duration.ofHours(2)))
			.allSatisfy((request) -> assertThat(request.policies()).containsExactly("testapp"));
	}

	private static Map<String, Object> role(String ttl) {
		return Map.of("bound_service_account_names", "testapp", "bound_service_account_namespaces", "apps",
				"audience", "vault", "token_policies", "testapp", "token_ttl", ttl);
	}

}
