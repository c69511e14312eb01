package io.github.vaultk8s.test.kubernetes;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link GlobList}: {@code *} as the only wildcard, case-sensitive, like Vault's go-glob. */
class GlobListTests {

	@ParameterizedTest
	@CsvSource({ "*, anything, true", "testapp, testapp, true", "testapp, testapp2, false", "test*, testapp, true",
			"test*, test, true", "test*, mytest, false", "*app, testapp, true", "*app, application, false",
			"team-*-prod, team-a-prod, true", "team-*-prod, team-prod, false", "team-*-prod, team--prod, true",
			"a*b*c, abc, true", "a*b*c, aXbYc, true", "a*b*c, acb, false", "Test*, testapp, false",
			"*-*, a-b, true", "*-*, ab, false" })
	void matchesLikeGoGlob(String pattern, String value, boolean matches) {
		assertThat(GlobList.matches(pattern, value)).isEqualTo(matches);
	}

	@ParameterizedTest
	@CsvSource({ "apps, true", "batch, true", "other, false" })
	void listMatchesWhenAnyPatternDoes(String value, boolean matches) {
		assertThat(GlobList.containsMatch(List.of("app*", "batch"), value)).isEqualTo(matches);
	}

}
