package io.github.vaultk8s.auth.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.vaultk8s.auth.support.FakeVaultHttp;
import io.github.vaultk8s.auth.support.ManualTaskScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.LoginToken;
import org.springframework.vault.authentication.event.AfterLoginEvent;
import org.springframework.vault.authentication.event.AfterLoginTokenRenewedEvent;
import org.springframework.vault.authentication.event.AuthenticationErrorEvent;
import org.springframework.vault.authentication.event.AuthenticationEvent;
import org.springframework.vault.authentication.event.LoginFailedEvent;
import org.springframework.vault.support.VaultToken;

import static io.github.vaultk8s.auth.support.FakeVaultHttp.auth;
import static io.github.vaultk8s.auth.support.FakeVaultHttp.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ResilientSessionManagerTests {

	private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2, 0);

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler();

	private final FakeVaultHttp vault = new FakeVaultHttp();

	private final ScriptedLogin login = new ScriptedLogin();

	private final List<Object> events = new ArrayList<>();

	private ResilientSessionManager session;

	@BeforeEach
	void createSession() {
		this.session = session(new SessionSettings(2.0 / 3, 0, BACKOFF, Duration.ofMillis(50), Duration.ofSeconds(1),
				true));
	}

	private ResilientSessionManager session(SessionSettings settings) {
		ResilientSessionManager manager = new ResilientSessionManager(this.login, this.vault.restTemplate(),
				this.scheduler, settings, () -> 0.5);
		manager.addAuthenticationListener(this.events::add);
		manager.addErrorListener(this.events::add);
		return manager;
	}

	@Test
	void logsInInTheBackgroundAtStart() {
		this.login.tokens(() -> token("t1", 60, true));
		this.session.start();
		assertThat(this.login.calls()).isZero();
		this.scheduler.runDue();
		assertThat(this.login.calls()).isOne();
		assertThat(this.session.getSessionToken().getToken()).isEqualTo("t1");
		SessionState state = this.session.state();
		assertThat(state.authenticated()).isTrue();
		assertThat(state.loginSuccesses()).isOne();
		assertThat(state.lastLogin()).isEqualTo(this.scheduler.now());
		assertThat(state.ttlLeft(this.scheduler.now())).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.events).hasAtLeastOneElementOfType(AfterLoginEvent.class);
	}

	@Test
	void renewsAtTheConfiguredFractionOfTheTtl() {
		this.login.tokens(() -> token("t1", 60, true));
		this.vault.handler((call) -> auth("t1", 60, true));
		startAndLogIn();
		// 2/3 of the 59 s the token is handed out (60 s TTL − 1 s expiry margin)
		this.scheduler.advance(Duration.ofMillis(39_332));
		assertThat(this.vault.count("POST", "/v1/auth/token/renew-self")).isZero();
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.vault.count("POST", "/v1/auth/token/renew-self")).isOne();
		assertThat(this.vault.calls().get(0).token()).isEqualTo("t1");
		assertThat(this.session.state().renewalSuccesses()).isOne();
		assertThat(this.session.state().lastRenewal()).isEqualTo(this.scheduler.now());
		assertThat(this.events).hasAtLeastOneElementOfType(AfterLoginTokenRenewedEvent.class);
		this.scheduler.advance(Duration.ofSeconds(40));
		assertThat(this.vault.count("POST", "/v1/auth/token/renew-self")).isEqualTo(2);
		assertThat(this.login.calls()).isOne();
	}

	@Test
	void jitterTakesAtMostItsFractionOffTheRenewalDelay() {
		this.session = new ResilientSessionManager(this.login, this.vault.restTemplate(), this.scheduler,
				new SessionSettings(0.5, 0.2, BACKOFF, Duration.ZERO, Duration.ofSeconds(1), true), () -> 0.999);
		this.login.tokens(() -> token("t1", 100, true));
		startAndLogIn();
		// (100 s − 1 s margin) × 0.5 × (1 − 0.2 × 0.999)
		assertThat(Duration.between(this.scheduler.now(), this.scheduler.nextDue()).toMillis()).isEqualTo(39_610);
	}

	@Test
	void transientRenewalFailuresAreRetriedWithBackoffAndTheTokenIsKept() {
		this.login.tokens(() -> token("t1", 60, true));
		AtomicInteger renewals = new AtomicInteger();
		this.vault.handler((call) -> (renewals.incrementAndGet() <= 2)
				? respond(HttpStatus.SERVICE_UNAVAILABLE, "{\"errors\":[\"Vault is sealed\"]}") : auth("t1", 60, true));
		startAndLogIn();
		this.scheduler.advance(Duration.ofSeconds(40));
		assertThat(renewals).hasValue(1);
		assertThat(this.session.state().consecutiveFailures()).isOne();
		assertThat(this.session.state().lastError()).contains("503");
		assertThat(this.session.getSessionToken().getToken()).isEqualTo("t1");
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(renewals).hasValue(2);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(renewals).hasValue(3);
		SessionState state = this.session.state();
		assertThat(state.renewalFailures()).isEqualTo(2);
		assertThat(state.renewalSuccesses()).isOne();
		assertThat(state.consecutiveFailures()).isZero();
		assertThat(state.lastError()).isNull();
		assertThat(this.login.calls()).isOne();
		assertThat(state.relogins()).isEmpty();
	}

	@Test
	void renewalFailingUntilShortlyBeforeExpiryLogsInAgainWhileTheTokenIsStillValid() {
		AtomicInteger logins = new AtomicInteger();
		this.login.tokens(() -> token("t" + logins.incrementAndGet(), 10, true));
		this.vault.handler((call) -> respond(HttpStatus.BAD_GATEWAY, "{\"errors\":[]}"));
		startAndLogIn();
		// renew at 6.67 s, retries at +1 s, +2 s; the next (+4 s) would end after expiry − margin: log in.
		this.scheduler.advance(Duration.ofMillis(9_700));
		assertThat(this.login.calls()).isEqualTo(2);
		assertThat(this.session.getSessionToken().getToken()).isEqualTo("t2");
		assertThat(this.session.state().relogins(ReloginReason.RENEWAL_FAILED)).isOne();
	}

	@Test
	void renewalRefusedByVaultDropsTheTokenAndLogsInAgain() {
		AtomicInteger logins = new AtomicInteger();
		this.login.tokens(() -> token("t" + logins.incrementAndGet(), 60, true));
		this.vault.handler((call) -> respond(HttpStatus.FORBIDDEN,
				"{\"errors\":[\"2 errors occurred:\\n\\t* permission denied\\n\\t* invalid token\\n\\n\"]}"));
		startAndLogIn();
		this.scheduler.advance(Duration.ofSeconds(40));
		assertThat(this.login.calls()).isEqualTo(2);
		assertThat(this.session.getSessionToken().getToken()).isEqualTo("t2");
		assertThat(this.session.state().relogins(ReloginReason.RENEWAL_DENIED)).isOne();
	}

	@Test
	void renewalCappedByMaxTtlLeadsToAPlannedLoginBeforeExpiry() {
		AtomicInteger logins = new AtomicInteger();
		this.login.tokens(() -> token("t" + logins.incrementAndGet(), 60, true));
		this.vault.handler((call) -> auth(call.token(), 12, true));
		startAndLogIn();
		this.scheduler.advance(this.renewalDue());
		assertThat(this.vault.count("POST", "/v1/auth/token/renew-self")).isOne();
		assertThat(this.session.state().renewable()).isFalse();
		// planned login at 2/3 of (12 s − 1 s margin), while t1 still has more than 4 s left
		assertThat(this.renewalDue()).isEqualTo(Duration.ofMillis(7_333));
		this.scheduler.advance(Duration.ofMillis(7_332));
		assertThat(this.session.getSessionToken().getToken()).isEqualTo("t1");
		assertThat(this.login.calls()).isOne();
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.login.calls()).isEqualTo(2);
		assertThat(this.session.getSessionToken().getToken()).isEqualTo("t2");
		assertThat(this.session.state().relogins(ReloginReason.MAX_TTL)).isOne();
		assertThat(this.vault.count("POST", "/v1/auth/token/renew-self")).isOne();
	}

	@Test
	void tokenThatCannotBeRenewedIsReplacedBeforeExpiry() {
		AtomicInteger logins = new AtomicInteger();
		this.login.tokens(() -> token("t" + logins.incrementAndGet(), 30, false));
		startAndLogIn();
		this.scheduler.advance(Duration.ofSeconds(20));
		assertThat(this.login.calls()).isEqualTo(2);
		assertThat(this.vault.calls()).isEmpty();
		assertThat(this.session.state().relogins(ReloginReason.NOT_RENEWABLE)).isEqualTo(2);
	}

	@Test
	void failedLoginsAreRetriedWithExponentialBackoff() {
		this.login.failWith(() -> new VaultException("Cannot login using Kubernetes: permission denied"));
		this.session.start();
		this.scheduler.runDue();
		assertThat(this.login.calls()).isOne();
		this.scheduler.advance(Duration.ofMillis(999));
		assertThat(this.login.calls()).isOne();
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.login.calls()).isEqualTo(2);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(this.login.calls()).isEqualTo(3);
		this.scheduler.advance(Duration.ofSeconds(4));
		assertThat(this.login.calls()).isEqualTo(4);
		this.scheduler.advance(Duration.ofSeconds(8 + 16 + 30));
		assertThat(this.login.calls()).isEqualTo(7);
		SessionState state = this.session.state();
		assertThat(state.authenticated()).isFalse();
		assertThat(state.consecutiveFailures()).isEqualTo(7);
		assertThat(state.loginFailures()).isEqualTo(7);
		assertThat(state.lastError()).contains("permission denied");
		assertThat(this.events).hasAtLeastOneElementOfType(LoginFailedEvent.class);
		this.login.tokens(() -> token("t1", 60, true));
		this.scheduler.advance(Duration.ofSeconds(30));
		assertThat(this.session.state().authenticated()).isTrue();
		assertThat(this.session.state().consecutiveFailures()).isZero();
		assertThat(this.session.state().lastError()).isNull();
	}

	@Test
	void requestThreadGetsTypedExceptionAfterTheBoundedWait() {
		this.login.failWith(() -> new VaultException("Cannot login using Kubernetes: connection refused"));
		this.session.start();
		this.scheduler.runDue();
		assertThatExceptionOfType(VaultSessionUnavailableException.class)
			.isThrownBy(() -> this.session.getSessionToken())
			.withMessageContaining("1 failed login attempt(s)")
			.withMessageContaining("connection refused")
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(1)));
	}

	@Test
	void aRequestDoesNotPullALoginForwardThatIsBackingOff() {
		this.login.failWith(() -> new VaultException("down"));
		this.session.start();
		this.scheduler.runDue();
		assertThatExceptionOfType(VaultSessionUnavailableException.class)
			.isThrownBy(() -> this.session.getSessionToken());
		this.scheduler.runDue();
		assertThat(this.login.calls()).isOne();
	}

	@Test
	void forbiddenWithADeadTokenDropsItAndLogsInAgain() {
		AtomicInteger logins = new AtomicInteger();
		this.login.tokens(() -> token("t" + logins.incrementAndGet(), 60, true));
		this.vault.handler((call) -> respond(HttpStatus.FORBIDDEN, "{\"errors\":[\"permission denied\"]}"));
		startAndLogIn();
		assertThat(this.session.recoverFromForbidden("t1")).isTrue();
		assertThat(this.vault.count("GET", "/v1/auth/token/lookup-self")).isOne();
		assertThat(this.session.state().authenticated()).isFalse();
		assertThat(this.session.state().relogins(ReloginReason.REVOKED)).isOne();
		this.scheduler.runDue();
		assertThat(this.session.getSessionToken().getToken()).isEqualTo("t2");
		// A late 403 for the old token needs no second lookup.
		assertThat(this.session.recoverFromForbidden("t1")).isTrue();
		assertThat(this.vault.count("GET", "/v1/auth/token/lookup-self")).isOne();
	}

	@Test
	void concurrentForbiddenAnswersForOneDeadTokenCostOneLookup() throws Exception {
		this.login.tokens(() -> token("t1", 60, true));
		this.vault.handler((call) -> respond(HttpStatus.FORBIDDEN, "{\"errors\":[\"permission denied\"]}"));
		startAndLogIn();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			List<java.util.concurrent.Future<Boolean>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				answers.add(pool.submit(() -> this.session.recoverFromForbidden("t1")));
			}
			for (java.util.concurrent.Future<Boolean> answer : answers) {
				assertThat(answer.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.vault.count("GET", "/v1/auth/token/lookup-self")).isOne();
		assertThat(this.session.state().relogins(ReloginReason.REVOKED)).isOne();
	}

	@Test
	void forbiddenWithALiveTokenIsAPolicyDecision() {
		this.login.tokens(() -> token("t1", 60, true));
		this.vault.handler((call) -> respond(HttpStatus.OK, "{\"data\":{\"ttl\":59,\"renewable\":true}}"));
		startAndLogIn();
		assertThat(this.session.recoverFromForbidden("t1")).isFalse();
		assertThat(this.vault.count("GET", "/v1/auth/token/lookup-self")).isOne();
		this.scheduler.runDue();
		assertThat(this.login.calls()).isOne();
		assertThat(this.session.state().relogins()).isEmpty();
	}

	@Test
	void expiredTokenIsNeverHandedOut() {
		this.login.tokens(() -> token("t1", 10, true));
		this.vault.handler((call) -> respond(HttpStatus.SERVICE_UNAVAILABLE, "{\"errors\":[]}"));
		startAndLogIn();
		this.login.failWith(() -> new VaultException("down"));
		this.scheduler.advance(Duration.ofSeconds(9));
		assertThatExceptionOfType(VaultSessionUnavailableException.class)
			.isThrownBy(() -> this.session.getSessionToken());
		assertThat(this.session.state().authenticated()).isFalse();
	}

	@Test
	void destroyRevokesTheTokenAndStopsTheSession() {
		this.login.tokens(() -> token("t1", 60, true));
		this.vault.handler((call) -> respond(HttpStatus.NO_CONTENT, ""));
		startAndLogIn();
		this.session.destroy();
		assertThat(this.vault.count("POST", "/v1/auth/token/revoke-self")).isOne();
		assertThat(this.vault.calls().get(0).token()).isEqualTo("t1");
		assertThat(this.session.state().authenticated()).isFalse();
		this.scheduler.advance(Duration.ofMinutes(5));
		assertThat(this.login.calls()).isOne();
		assertThatExceptionOfType(VaultSessionUnavailableException.class)
			.isThrownBy(() -> this.session.getSessionToken());
	}

	@Test
	void destroyWithoutRevocationLeavesTheTokenAlone() {
		this.session = session(new SessionSettings(2.0 / 3, 0, BACKOFF, Duration.ZERO, Duration.ofSeconds(1), false));
		this.login.tokens(() -> token("t1", 60, true));
		startAndLogIn();
		this.session.destroy();
		assertThat(this.vault.calls()).isEmpty();
	}

	@Test
	void failFastStartFailsWithTheLastErrorWhenNoLoginSucceeds() {
		this.login.failWith(() -> new VaultException("Cannot login using Kubernetes: permission denied"));
		this.session.setStartupTimeout(Duration.ofMillis(50));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.session::start)
			.withMessageContaining("fail-fast");
	}

	@Test
	void eventsNeverCarryTheTokenInTheirText() {
		this.login.tokens(() -> token("s3cr3t-token", 60, true));
		startAndLogIn();
		assertThat(this.events).allSatisfy((event) -> assertThat(event.toString()).doesNotContain("s3cr3t-token"));
		assertThat(this.session.state().toString()).doesNotContain("s3cr3t-token");
	}

	private Duration renewalDue() {
		return Duration.between(this.scheduler.now(), this.scheduler.nextDue());
	}

	private void startAndLogIn() {
		this.session.start();
		this.scheduler.runDue();
		assertThat(this.session.state().authenticated()).isTrue();
	}

	private static LoginToken token(String token, long ttlSeconds, boolean renewable) {
		return LoginToken.builder()
			.token(token)
			.leaseDuration(Duration.ofSeconds(ttlSeconds))
			.renewable(renewable)
			.accessor("acc-" + token)
			.type("service")
			.build();
	}

	/**
	 * A login whose outcome the test sets.
	 */
	static final class ScriptedLogin implements ClientAuthentication {

		private final AtomicInteger calls = new AtomicInteger();

		private volatile Supplier<VaultToken> tokens = () -> {
			throw new VaultException("no login scripted");
		};

		void tokens(Supplier<VaultToken> tokens) {
			this.tokens = tokens;
		}

		void failWith(Supplier<RuntimeException> failure) {
			this.tokens = () -> {
				throw failure.get();
			};
		}

		int calls() {
			return this.calls.get();
		}

		@Override
		public VaultToken login() {
			this.calls.incrementAndGet();
			return this.tokens.get();
		}

	}

}
