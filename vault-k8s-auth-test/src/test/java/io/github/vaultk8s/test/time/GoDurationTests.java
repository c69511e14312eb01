package io.github.vaultk8s.test.time;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GoDurationTests {

	@Test
	void parsesGoSyntaxSecondsAndIso() {
		assertThat(GoDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
		assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
		assertThat(GoDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(GoDuration.parse("2d")).isEqualTo(Duration.ofDays(2));
		assertThat(GoDuration.parse("3600")).isEqualTo(Duration.ofHours(1));
		assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
		assertThat(GoDuration.parse("PT10M")).isEqualTo(Duration.ofMinutes(10));
		assertThat(GoDuration.parse("-1m")).isEqualTo(Duration.ofMinutes(-1));
	}

	@Test
	void rejectsWhatGoRejects() {
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("10"+"x"));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("h"));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(""));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("1h30"));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("PTX"));
	}

	@Test
	void formatsLikeGoDurationString() {
		assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
		assertThat(GoDuration.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
		assertThat(GoDuration.format(Duration.ofSeconds(590))).isEqualTo("9m50s");
		assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
		assertThat(GoDuration.format(Duration.ofMillis(250))).isEqualTo("250ms");
		assertThat(GoDuration.format(Duration.ofHours(768))).isEqualTo("768h0m0s");
		assertThat(GoDuration.format(Duration.ofSeconds(-61))).isEqualTo("-1m1s");
	}

	@Test
	void humanFormDropsZeroUnitsAsVaultWarningsDo() {
		assertThat(GoDuration.human(Duration.ofHours(1))).isEqualTo("1h");
		assertThat(GoDuration.human(Duration.ofMinutes(1))).isEqualTo("1m");
		assertThat(GoDuration.human(Duration.ofSeconds(590))).isEqualTo("9m50s");
		assertThat(GoDuration.human(Duration.ofSeconds(7205))).isEqualTo("2h5s");
		assertThat(GoDuration.human(Duration.ofSeconds(2))).isEqualTo("2s");
		assertThat(GoDuration.human(Duration.ofMinutes(61))).isEqualTo("1h1m");
	}

}
