package io.github.vaultk8s.test.kubernetes;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link GoDuration}: Vault's duration syntax in, Go's {@code Duration.String()} out. */
class GoDurationTests {

	@ParameterizedTest
	@CsvSource({ "0, 0", "30, 30000", "30s, 30000", "1m, 60000", "1h30m, 5400000", "1.5h, 5400000", "2d, 172800000",
			"1500ms, 1500", "+5s, 5000", "-90s, -90000", "1h0m0s, 3600000", "250us, 0", "1.s, 1000", ".5s, 500" })
	void parses(String text, long millis) {
		assertThat(GoDuration.parse(text).toMillis()).isEqualTo(millis);
	}

	@ParameterizedTest
	@ValueSource(strings = { "soon", "1x", "h", "1h 30m", "--1s", ".", ".s", "ms" })
	void refusesWhatGoRefuses(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(text))
			.withMessage("time: invalid duration \"" + text + "\"");
	}

	@ParameterizedTest
	@CsvSource({ "0, 0s", "1, 1s", "59, 59s", "60, 1m0s", "90, 1m30s", "3600, 1h0m0s", "2764800, 768h0m0s",
			"2880000, 800h0m0s" })
	void formatsLikeGo(long seconds, String expected) {
		assertThat(GoDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "1500, 1.5s", "500, 500ms", "-2000, -2s" })
	void formatsFractionsLikeGo(long millis, String expected) {
		assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
	}

}
