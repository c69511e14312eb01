package io.github.vaultk8s.test.time;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link GoDuration}: Vault's duration syntax in (lenient for command lines, strict for request fields), Go's
 * {@code Duration.String()} out.
 */
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

	@ParameterizedTest
	@CsvSource({ "0, 0", "30, 30000", "30s, 30000", "1m, 60000", "1h30m, 5400000", "1.5h, 5400000", "2d, 172800000",
			"1500ms, 1500", "+5s, 5000", "-90s, -90000", "1h0m0s, 3600000", "250us, 0", "1.s, 1000", ".5s, 500" })
	void parsesVaultFields(String text, long millis) {
		assertThat(GoDuration.parseVaultField(text).toMillis()).isEqualTo(millis);
	}

	@ParameterizedTest
	@ValueSource(strings = { "soon", "1x", "h", "1h 30m", "--1s", ".", ".s", "ms", "PT1H", "1d2h" })
	void vaultFieldsRefuseWhatGoRefusesWithGoWording(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parseVaultField(text))
			.withMessage("time: invalid duration \"" + text + "\"");
	}

	@ParameterizedTest
	@CsvSource({ "0, 0s", "1, 1s", "59, 59s", "60, 1m0s", "90, 1m30s", "3600, 1h0m0s", "2764800, 768h0m0s",
			"2880000, 800h0m0s" })
	void formatsWholeSecondsLikeGo(long seconds, String expected) {
		assertThat(GoDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "1500, 1.5s", "500, 500ms", "-2000, -2s" })
	void formatsFractionsLikeGo(long millis, String expected) {
		assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
	}

}
