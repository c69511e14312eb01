package io.github.vaultk8s.test.time;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VaultTimestampsTests {

	@Test
	void formatsRfc3339NanoWithoutTrailingZeros() {
		assertThat(VaultTimestamps.format(Instant.parse("2024-05-01T10:00:00.120000000Z")))
			.isEqualTo("2024-05-01T10:00:00.12Z");
		assertThat(VaultTimestamps.format(Instant.parse("2024-05-01T10:00:00.123456789Z")))
			.isEqualTo("2024-05-01T10:00:00.123456789Z");
		assertThat(VaultTimestamps.format(Instant.parse("2024-05-01T10:00:00Z"))).isEqualTo("2024-05-01T10:00:00Z");
	}

	@Test
	void unsetIsEmpty() {
		assertThat(VaultTimestamps.format(null)).isEmpty();
	}

}
