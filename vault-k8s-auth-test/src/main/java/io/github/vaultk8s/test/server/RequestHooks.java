package io.github.vaultk8s.test.server;

import java.time.Duration;

/**
 * What the pipeline tells the outside about each request and asks it first: the request log and the
 * injected faults of {@code EmbeddedVault}.
 */
public interface RequestHooks {

	/** Every request, before anything else. */
	void received(String method, String path);

	/** Delay to add to the next Vault API request; zero for none. */
	Duration latency();

	/** Status of an injected failure to answer instead of the request, or 0 for none. Consumes it. */
	int takeInjectedFailure();

	/** No hooks: nothing logged, no faults. */
	RequestHooks NONE = new RequestHooks() {

		@Override
		public void received(String method, String path) {
		}

		@Override
		public Duration latency() {
			return Duration.ZERO;
		}

		@Override
		public int takeInjectedFailure() {
			return 0;
		}

	};

}
