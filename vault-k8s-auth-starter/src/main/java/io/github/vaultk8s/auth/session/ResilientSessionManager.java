package io.github.vaultk8s.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;
import org.springframework.vault.authentication.AuthenticationEventPublisher;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.LoginToken;
import org.springframework.vault.authentication.SessionManager;
import org.springframework.vault.authentication.event.AfterLoginEvent;
import org.springframework.vault.authentication.event.AfterLoginTokenRenewedEvent;
import org.springframework.vault.authentication.event.AfterLoginTokenRevocationEvent;
import org.springframework.vault.authentication.event.AuthenticationErrorEvent;
import org.springframework.vault.authentication.event.AuthenticationEvent;
import org.springframework.vault.authentication.event.BeforeLoginTokenRenewedEvent;
import org.springframework.vault.authentication.event.BeforeLoginTokenRevocationEvent;
import org.springframework.vault.authentication.event.LoginFailedEvent;
import org.springframework.vault.authentication.event.LoginTokenExpiredEvent;
import org.springframework.vault.authentication.event.LoginTokenRenewalFailedEvent;
import org.springframework.vault.authentication.event.LoginTokenRevocationFailedEvent;
import org.springframework.vault.client.VaultHttpHeaders;
import org.springframework.vault.support.VaultResponse;
import org.springframework.vault.support.VaultToken;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestOperations;

/**
 * A {@link SessionManager} that keeps a Vault token alive in the background and never makes a request thread do
 * the login.
 * <ul>
 * <li>Login happens on the session's scheduler, at start and whenever the token is gone, retried with
 * exponential backoff and jitter ({@link Backoff}); a request thread waits at most
 * {@link SessionSettings#maxTokenWait()} and then gets a {@link VaultSessionUnavailableException}.</li>
 * <li>Renewal runs at {@link SessionSettings#renewalFraction()} of the TTL with jitter. Network or 5xx failures are
 * retried with backoff while the token is still valid; a 4xx answer means the token is gone. A renewal capped by
 * the max TTL, or a token that is not renewable, leads to a planned login before expiry: requests keep using the
 * old token until the new one is there.</li>
 * <li>{@link #recoverFromForbidden(String)} lets the request path report a 403: one lookup-self decides whether
 * the token is dead (dropped, login) or the 403 is a policy decision (nothing happens).</li>
 * <li>Spring Vault's authentication events are multicast to registered listeners.</li>
 * </ul>
 * All state lives here and is published as one immutable {@link SessionState}; health and metrics read it.
 */
public class ResilientSessionManager extends AuthenticationEventPublisher
		implements SessionManager, SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(ResilientSessionManager.class);

	/**
	 * A renewal that grants less than the previous grant was capped by the max TTL: Vault grants the same TTL on
	 * every uncapped renewal.
	 */
	private static final Duration CAP_TOLERANCE = Duration.ZERO;

	private static final int MAX_ERROR_LENGTH = 300;

	private final ClientAuthentication clientAuthentication;

	private final RestOperations restOperations;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final SessionSettings settings;

	private final DoubleSupplier random;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition tokenChanged = this.lock.newCondition();

	/** Serialises 403 investigations so that N requests failing on one dead token cause one lookup. */
	private final ReentrantLock recoveryLock = new ReentrantLock();

	private volatile @Nullable HeldToken held;

	private volatile SessionState state;

	// Everything below is guarded by lock.

	private Action nextAction = Action.NONE;

	private @Nullable Instant nextActionAt;

	private @Nullable ScheduledFuture<?> nextActionFuture;

	private long actionSequence;

	private boolean loginInFlight;

	private int failedLoginsInRow;

	private int failedRenewalsInRow;

	private @Nullable Instant lastLogin;

	private @Nullable Instant lastRenewal;

	private @Nullable String lastError;

	private long loginSuccesses;

	private long loginFailures;

	private long renewalSuccesses;

	private long renewalFailures;

	private final Map<ReloginReason, Long> relogins = new EnumMap<>(ReloginReason.class);

	private boolean running;

	private boolean closed;

	private @Nullable Duration startupTimeout;

	private @Nullable Runnable schedulerShutdown;

	/**
	 * Create a session manager.
	 * @param clientAuthentication performs the login
	 * @param restOperations a Vault client without session, for renew-self, lookup-self and revoke-self
	 * @param scheduler runs logins and renewals; its {@link TaskScheduler#getClock() clock} is the session's clock
	 * @param settings timings
	 */
	public ResilientSessionManager(ClientAuthentication clientAuthentication, RestOperations restOperations,
			TaskScheduler scheduler, SessionSettings settings) {
		this(clientAuthentication, restOperations, scheduler, settings, () -> ThreadLocalRandom.current().nextDouble());
	}

	ResilientSessionManager(ClientAuthentication clientAuthentication, RestOperations restOperations,
			TaskScheduler scheduler, SessionSettings settings, DoubleSupplier random) {
		Assert.notNull(clientAuthentication, "ClientAuthentication must not be null");
		Assert.notNull(restOperations, "RestOperations must not be null");
		Assert.notNull(scheduler, "TaskScheduler must not be null");
		Assert.notNull(settings, "SessionSettings must not be null");
		this.clientAuthentication = clientAuthentication;
		this.restOperations = restOperations;
		this.scheduler = scheduler;
		this.clock = scheduler.getClock();
		this.settings = settings;
		this.random = random;
		this.state = snapshot();
	}

	/**
	 * Make {@link #start()} wait for the first login and fail when none succeeds in time ({@code fail-fast}).
	 * @param startupTimeout how long to wait, {@code null} to start without waiting
	 */
	public void setStartupTimeout(@Nullable Duration startupTimeout) {
		this.startupTimeout = startupTimeout;
	}

	/**
	 * Something to run after the token has been revoked on {@link #destroy()}, typically shutting down a scheduler
	 * that this session owns.
	 * @param schedulerShutdown the callback
	 */
	public void setSchedulerShutdown(@Nullable Runnable schedulerShutdown) {
		this.schedulerShutdown = schedulerShutdown;
	}

	public ClientAuthentication getClientAuthentication() {
		return this.clientAuthentication;
	}

	public SessionSettings getSettings() {
		return this.settings;
	}

	/**
	 * The current state. Cheap: a volatile read.
	 * @return the state
	 */
	public SessionState state() {
		return this.state;
	}

	/**
	 * The session's clock.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	// Lifecycle

	/**
	 * Begin logging in in the background. Called by the application context; {@link #getSessionToken()} starts the
	 * session too when it is used earlier (config data import).
	 */
	@Override
	public void start() {
		this.lock.lock();
		try {
			this.running = true;
			if (this.held == null) {
				planLogin(null, Duration.ZERO);
			}
		}
		finally {
			this.lock.unlock();
		}
		Duration timeout = this.startupTimeout;
		if (timeout != null && !awaitToken(timeout)) {
			SessionState current = this.state;
			throw new IllegalStateException("Vault login did not succeed within " + timeout + " ("
					+ current.loginFailures() + " failed attempts, fail-fast is on); last error: "
					+ current.lastError());
		}
	}

	/**
	 * Keeps the token: requests still being served during a graceful shutdown need it. The token is revoked in
	 * {@link #destroy()}.
	 */
	@Override
	public void stop() {
		this.lock.lock();
		try {
			this.running = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stop all background work and revoke the token when {@link SessionSettings#revokeOnShutdown()} is set.
	 */
	@Override
	public void destroy() {
		HeldToken token;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			cancelNextAction();
			token = this.held;
			this.held = null;
			publishState();
			this.tokenChanged.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (token != null && token.revocable() && this.settings.revokeOnShutdown()) {
			revoke(token.token());
		}
		Runnable shutdown = this.schedulerShutdown;
		if (shutdown != null) {
			shutdown.run();
		}
	}

	private void revoke(VaultToken token) {
		multicast(new BeforeLoginTokenRevocationEvent(token));
		try {
			this.restOperations.postForObject("auth/token/revoke-self", new HttpEntity<>(VaultHttpHeaders.from(token)),
					Map.class);
			logger.info("Revoked the Vault token on shutdown");
			multicast(new AfterLoginTokenRevocationEvent(token));
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot revoke the Vault token on shutdown: " + describe(ex));
			multicast(new LoginTokenRevocationFailedEvent(token, ex));
		}
	}

	// Request path

	/**
	 * Return a usable token, waiting at most {@link SessionSettings#maxTokenWait()} for a login in progress.
	 * @return the token
	 * @throws VaultSessionUnavailableException when no token arrives in time
	 */
	@Override
	public VaultToken getSessionToken() {
		HeldToken current = this.held;
		if (current != null && current.usableAt(this.clock.instant(), this.settings.expiryMargin())) {
			return current.token();
		}
		long deadline = System.nanoTime() + this.settings.maxTokenWait().toNanos();
		this.lock.lock();
		try {
			while (true) {
				Instant now = this.clock.instant();
				current = this.held;
				if (current != null && current.usableAt(now, this.settings.expiryMargin())) {
					return current.token();
				}
				if (this.closed) {
					throw new VaultSessionUnavailableException("The Vault session is closed", Duration.ZERO);
				}
				if (current != null) {
					if (!this.loginInFlight) {
						logger.warn("The Vault token expired before it could be replaced");
					}
					dropToken(ReloginReason.EXPIRED);
					multicast(new LoginTokenExpiredEvent(current.token()));
				}
				else {
					planLogin(null, Duration.ZERO);
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw unavailable(now);
				}
				this.tokenChanged.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new VaultSessionUnavailableException("Interrupted while waiting for a Vault token", Duration.ZERO);
		}
		finally {
			this.lock.unlock();
		}
	}

	private VaultSessionUnavailableException unavailable(Instant now) {
		Duration retryAfter = (this.nextAction == Action.LOGIN && this.nextActionAt != null)
				? Duration.between(now, this.nextActionAt) : Duration.ZERO;
		if (retryAfter.isNegative()) {
			retryAfter = Duration.ZERO;
		}
		StringBuilder message = new StringBuilder("No Vault token within ").append(this.settings.maxTokenWait());
		if (this.failedLoginsInRow > 0) {
			message.append(" after ").append(this.failedLoginsInRow).append(" failed login attempt(s); last error: ")
				.append(this.lastError);
		}
		else {
			message.append("; login in progress");
		}
		return new VaultSessionUnavailableException(message.toString(), retryAfter);
	}

	/**
	 * Wait until a token is held.
	 * @param timeout the longest wait
	 * @return whether a token is held
	 */
	public boolean awaitToken(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.lock.lock();
		try {
			while (this.held == null) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || this.closed) {
					return false;
				}
				this.tokenChanged.awaitNanos(remaining);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A Vault request made with {@code usedToken} was answered {@code 403}. Decide with one lookup-self whether the
	 * token is dead; if so drop it and log in again.
	 * @param usedToken the token the request carried
	 * @return {@code true} if the request should be retried once with a fresh token, {@code false} if the 403 is a
	 * policy decision (or cannot be investigated) and stands
	 */
	public boolean recoverFromForbidden(String usedToken) {
		this.recoveryLock.lock();
		try {
			HeldToken current = this.held;
			if (current == null || !current.token().getToken().equals(usedToken)) {
				// Another request already found the token dead, or it was replaced: retry with the new one.
				return true;
			}
			try {
				this.restOperations.exchange("auth/token/lookup-self", HttpMethod.GET,
						new HttpEntity<>(VaultHttpHeaders.from(current.token())), VaultResponse.class);
				return false;
			}
			catch (HttpStatusCodeException ex) {
				if (ex.getStatusCode().value() != HttpStatus.FORBIDDEN.value()) {
					logger.warn("Cannot check the Vault token after a 403: " + describe(ex));
					return false;
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Cannot check the Vault token after a 403: " + describe(ex));
				return false;
			}
			logger.warn("The Vault token is no longer valid (revoked or unknown to Vault): logging in again");
			this.lock.lock();
			try {
				if (this.held == current) {
					dropToken(ReloginReason.REVOKED);
				}
			}
			finally {
				this.lock.unlock();
			}
			multicast(new LoginTokenExpiredEvent(current.token()));
			return true;
		}
		finally {
			this.recoveryLock.unlock();
		}
	}

	// Background work

	private void runLogin(long sequence) {
		if (!isCurrent(sequence)) {
			return;
		}
		VaultToken token;
		try {
			token = this.clientAuthentication.login();
		}
		catch (RuntimeException ex) {
			onLoginFailure(ex);
			multicast(new LoginFailedEvent(this.clientAuthentication, ex));
			return;
		}
		Instant now = this.clock.instant();
		HeldToken fresh = HeldToken.fromLogin(token, now);
		this.lock.lock();
		try {
			this.loginInFlight = false;
			if (this.closed) {
				return;
			}
			this.held = fresh;
			this.loginSuccesses++;
			this.failedLoginsInRow = 0;
			this.failedRenewalsInRow = 0;
			this.lastLogin = now;
			this.lastError = null;
			planAfterGrant(fresh, false);
			publishState();
			this.tokenChanged.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		logger.info("Logged in to Vault (" + describeGrant(fresh) + ")");
		multicast(new AfterLoginEvent(token));
	}

	private void onLoginFailure(RuntimeException ex) {
		this.lock.lock();
		try {
			this.loginInFlight = false;
			if (this.closed) {
				return;
			}
			this.loginFailures++;
			this.failedLoginsInRow++;
			this.lastError = describe(ex);
			Duration delay = this.settings.backoff().delay(this.failedLoginsInRow, this.random);
			schedule(Action.LOGIN, delay);
			publishState();
			logger.warn("Vault login failed (attempt " + this.failedLoginsInRow + "), next attempt in "
					+ delay.toMillis() + " ms: " + this.lastError);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void runRenewal(long sequence) {
		if (!isCurrent(sequence)) {
			return;
		}
		HeldToken current = this.held;
		if (current == null) {
			return;
		}
		multicast(new BeforeLoginTokenRenewedEvent(current.token()));
		VaultResponse response;
		try {
			response = this.restOperations.postForObject("auth/token/renew-self",
					new HttpEntity<>(VaultHttpHeaders.from(current.token())), VaultResponse.class);
			Assert.state(response != null && response.getAuth() != null, "renew-self returned no auth block");
		}
		catch (RuntimeException ex) {
			onRenewalFailure(current, ex);
			multicast(new LoginTokenRenewalFailedEvent(current.token(), ex));
			return;
		}
		Instant now = this.clock.instant();
		HeldToken renewed = current.renewed(response.getAuth(), now, CAP_TOLERANCE);
		this.lock.lock();
		try {
			if (this.closed || this.held != current) {
				return;
			}
			this.held = renewed;
			this.renewalSuccesses++;
			this.failedRenewalsInRow = 0;
			this.lastRenewal = now;
			this.lastError = null;
			planAfterGrant(renewed, true);
			publishState();
		}
		finally {
			this.lock.unlock();
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Renewed the Vault token (" + describeGrant(renewed) + ")");
		}
		multicast(new AfterLoginTokenRenewedEvent(renewed.token()));
	}

	private void onRenewalFailure(HeldToken current, RuntimeException ex) {
		this.lock.lock();
		try {
			if (this.closed || this.held != current) {
				return;
			}
			this.renewalFailures++;
			this.failedRenewalsInRow++;
			this.lastError = describe(ex);
			if (ex instanceof HttpStatusCodeException status && status.getStatusCode().is4xxClientError()) {
				logger.warn("Vault refused to renew the token, logging in again: " + this.lastError);
				dropToken(ReloginReason.RENEWAL_DENIED);
				return;
			}
			Instant now = this.clock.instant();
			Duration delay = this.settings.backoff().delay(this.failedRenewalsInRow, this.random);
			Instant lastUsefulRetry = (current.expiresAt() != null)
					? current.expiresAt().minus(this.settings.expiryMargin()) : Instant.MAX;
			if (now.plus(delay).isBefore(lastUsefulRetry)) {
				logger.warn("Vault token renewal failed (attempt " + this.failedRenewalsInRow + "), retrying in "
						+ delay.toMillis() + " ms: " + this.lastError);
				schedule(Action.RENEW, delay);
			}
			else {
				logger.warn("Vault token renewal failed and the token expires soon, logging in again: "
						+ this.lastError);
				planLogin(ReloginReason.RENEWAL_FAILED, Duration.ZERO);
			}
			publishState();
		}
		finally {
			this.lock.unlock();
		}
	}

	// Planning, under lock

	private void planAfterGrant(HeldToken token, boolean afterRenewal) {
		if (token.expiresAt() == null) {
			schedule(Action.NONE, null);
			return;
		}
		// The fraction applies to the time the token is handed out, so that even a TTL close to the expiry margin
		// is renewed or replaced while requests can still use it.
		Duration usable = token.grantedTtl().minus(this.settings.expiryMargin());
		Duration delay = renewalDelay(usable.isNegative() ? Duration.ZERO : usable);
		if (token.renewable() && !token.capped()) {
			schedule(Action.RENEW, delay);
		}
		else {
			ReloginReason reason = token.capped() ? ReloginReason.MAX_TTL : ReloginReason.NOT_RENEWABLE;
			if (logger.isDebugEnabled() || afterRenewal) {
				logger.info("Vault token " + (token.capped() ? "reaches its max TTL" : "is not renewable")
						+ ": planning a new login in " + delay.toMillis() + " ms");
			}
			planLogin(reason, delay);
		}
	}

	private Duration renewalDelay(Duration ttl) {
		double fraction = this.settings.renewalFraction() * (1 - this.settings.renewalJitter() * this.random.getAsDouble());
		return Duration.ofMillis(Math.max(0, Math.round(ttl.toMillis() * fraction)));
	}

	private void dropToken(ReloginReason reason) {
		this.held = null;
		planLogin(reason, Duration.ZERO);
		publishState();
		this.tokenChanged.signalAll();
	}

	/**
	 * Plan a login unless one is planned already. A login waiting out a backoff is not pulled forward: that is what
	 * keeps a fleet of pods from hammering a Vault that is down.
	 */
	private void planLogin(@Nullable ReloginReason reason, Duration delay) {
		if (this.closed || this.loginInFlight) {
			// The login under way replaces the token; its outcome plans what comes next.
			return;
		}
		if (this.nextAction == Action.LOGIN) {
			Instant requested = this.clock.instant().plus(delay);
			if (this.failedLoginsInRow > 0 || (this.nextActionAt != null && !this.nextActionAt.isAfter(requested))) {
				return;
			}
		}
		if (reason != null) {
			this.relogins.merge(reason, 1L, Long::sum);
		}
		schedule(Action.LOGIN, delay);
	}

	private void schedule(Action action, @Nullable Duration delay) {
		cancelNextAction();
		long sequence = ++this.actionSequence;
		this.nextAction = action;
		if (action == Action.NONE || delay == null) {
			this.nextActionAt = null;
			return;
		}
		Instant at = this.clock.instant().plus(delay);
		this.nextActionAt = at;
		Runnable task = (action == Action.LOGIN) ? () -> runLogin(sequence) : () -> runRenewal(sequence);
		this.nextActionFuture = this.scheduler.schedule(guarded(task), at);
	}

	private void cancelNextAction() {
		ScheduledFuture<?> future = this.nextActionFuture;
		this.nextActionFuture = null;
		if (future != null) {
			future.cancel(false);
		}
	}

	private boolean isCurrent(long sequence) {
		this.lock.lock();
		try {
			if (this.closed || sequence != this.actionSequence) {
				return false;
			}
			this.loginInFlight = (this.nextAction == Action.LOGIN);
			this.nextAction = Action.NONE;
			this.nextActionAt = null;
			this.nextActionFuture = null;
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	private Runnable guarded(Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (Throwable ex) {
				logger.error("Unexpected error in the Vault session: " + describe(ex));
				this.lock.lock();
				try {
					if (this.nextAction == Action.NONE && !this.closed) {
						// Never leave the session without a plan.
						schedule(Action.LOGIN, this.settings.backoff().max());
					}
				}
				finally {
					this.lock.unlock();
				}
			}
		};
	}

	private void publishState() {
		this.state = snapshot();
	}

	private SessionState snapshot() {
		HeldToken token = this.held;
		return new SessionState(token != null, (token != null) ? token.expiresAt() : null,
				token != null && token.renewable() && !token.capped(), this.lastLogin, this.lastRenewal,
				this.lastError, this.failedLoginsInRow + this.failedRenewalsInRow, this.loginSuccesses,
				this.loginFailures, this.renewalSuccesses, this.renewalFailures, Map.copyOf(this.relogins));
	}

	// Events and messages

	private void multicast(AuthenticationEvent event) {
		try {
			multicastEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("An authentication listener failed: " + describe(ex));
		}
	}

	private void multicast(AuthenticationErrorEvent event) {
		try {
			multicastEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("An authentication error listener failed: " + describe(ex));
		}
	}

	private static String describeGrant(HeldToken token) {
		if (token.expiresAt() == null) {
			return "no TTL";
		}
		return "TTL " + token.grantedTtl().toSeconds() + " s, " + (token.renewable() ? "renewable" : "not renewable")
				+ (token.capped() ? ", capped by max TTL" : "");
	}

	/**
	 * A one-line description of an error for logs and health. Vault's error bodies name no secrets; exception
	 * messages of the HTTP client may carry the body, so the text is cut to a bounded length.
	 */
	static String describe(Throwable ex) {
		String message = ex.getMessage();
		String text = ex.getClass().getSimpleName() + ((message != null) ? ": " + message.replaceAll("\\s+", " ") : "");
		return (text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text;
	}

	private enum Action {

		NONE, LOGIN, RENEW

	}

	/**
	 * The token with what the session knows about it.
	 */
	record HeldToken(VaultToken token, @Nullable Instant expiresAt, Duration grantedTtl, boolean renewable,
			boolean capped, boolean revocable) {

		static HeldToken fromLogin(VaultToken token, Instant now) {
			if (token instanceof LoginToken login && !login.getLeaseDuration().isZero()) {
				return new HeldToken(token, now.plus(login.getLeaseDuration()), login.getLeaseDuration(),
						login.isRenewable(), false, login.isServiceToken());
			}
			// A token without TTL (e.g. a static token): used as is, never renewed, never revoked by us.
			return new HeldToken(token, null, Duration.ZERO, false, false,
					token instanceof LoginToken login && login.isServiceToken());
		}

		HeldToken renewed(Map<String, Object> auth, Instant now, Duration capTolerance) {
			Duration ttl = Duration.ofSeconds(((Number) auth.getOrDefault("lease_duration", 0)).longValue());
			boolean stillRenewable = Boolean.TRUE.equals(auth.get("renewable"));
			boolean cappedNow = ttl.plus(capTolerance).compareTo(this.grantedTtl) < 0;
			LoginToken.LoginTokenBuilder builder = LoginToken.builder()
				.token(this.token.toCharArray())
				.leaseDuration(ttl)
				.renewable(stillRenewable);
			if (this.token instanceof LoginToken login) {
				if (login.getAccessor() != null) {
					builder.accessor(login.getAccessor());
				}
				if (login.getType() != null) {
					builder.type(login.getType());
				}
			}
			return new HeldToken(builder.build(), now.plus(ttl), ttl, stillRenewable, cappedNow, this.revocable);
		}

		boolean usableAt(Instant now, Duration margin) {
			return this.expiresAt == null || now.plus(margin).isBefore(this.expiresAt);
		}

	}

}
