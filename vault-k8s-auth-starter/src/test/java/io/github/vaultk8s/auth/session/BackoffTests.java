package io.github.vaultk8s.auth.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTests {

	@Test
	void growsExponentiallyUpToTheMax() {
		Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2, 0);
		assertThat(backoff.delay(1, () -> 0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.delay(2, () -> 0)).isEqualTo(Duration.ofSeconds(2));
		assertThat(backoff.delay(9, () -> 0)).isEqualTo(Duration.ofSeconds(256));
		assertThat(backoff.delay(10, () -> 0)).isEqualTo(Duration.ofMinutes(5));
		assertThat(backoff.delay(1000, () -> 0)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void jitterTakesOffAtMostItsFraction() {
		Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 2, 0.2);
		assertThat(backoff.delay(1, () -> 0)).isEqualTo(Duration.ofSeconds(10));
		assertThat(backoff.delay(1, () -> 0.5)).isEqualTo(Duration.ofSeconds(9));
		assertThat(backoff.delay(1, () -> 0.9999)).isGreaterThanOrEqualTo(Duration.ofSeconds(8))
			.isLessThan(Duration.ofSeconds(9));
	}

	@Test
	void defaultsAreThoseOfVaultAgent() {
		Backoff defaults = Backoff.defaults();
		assertThat(defaults.initial()).isEqualTo(Duration.ofSeconds(1));
		assertThat(defaults.max()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void rejectsInvalidSettings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1), 2, 0))
			.withMessageContaining("Max backoff");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 2, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionSettings(1, 0, Backoff.defaults(),
				Duration.ZERO, Duration.ZERO, true)).withMessageContaining("(0, 1)");
	}

}
