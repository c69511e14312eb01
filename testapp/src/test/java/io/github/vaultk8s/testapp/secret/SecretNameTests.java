package io.github.vaultk8s.testapp.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecretNameTests {

	@ParameterizedTest
	@ValueSource(strings = { "db", "team/app/db", "A-Z_a.z-09", "a/b/c/d/e/f/g/h", "...", ".hidden", "versions/x" })
	void acceptsValidNames(String raw) {
		SecretName name = SecretName.of(raw);
		assertThat(name.value()).isEqualTo(raw);
		assertThat(name.relativeVaultPath()).isEqualTo("testapp/" + raw);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "/a", "a/", "a//b", ".", "..", "a/./b", "a/../b", "../etc", "a%2Fb", "%2e%2e",
			"a b", "a\tb", "a\u0000b", "a\nb", "a\\b", "a:b", "a?b", "a#b", "a;b", "a*", "é", "a/b/c/d/e/f/g/h/i",
			"a/versions", "versions" })
	void rejectsInvalidNames(String raw) {
		assertThatExceptionOfType(InvalidSecretNameException.class).isThrownBy(() -> SecretName.of(raw))
			.withMessageStartingWith("Invalid secret name: ");
	}

	@Test
	void rejectsNamesOverTheLengthLimit() {
		String longest = "a".repeat(SecretName.MAX_LENGTH);
		assertThat(SecretName.of(longest).value()).hasSize(256);
		assertThatExceptionOfType(InvalidSecretNameException.class).isThrownBy(() -> SecretName.of(longest + "a"))
			.withMessageContaining("longer than 256");
	}

	@Test
	void describesBadCharactersWithoutEchoingThem() {
		assertThatExceptionOfType(InvalidSecretNameException.class).isThrownBy(() -> SecretName.of("ab\u0007cd"))
			.withMessageContaining("character 3 is U+0007")
			.withMessageNotContaining("\u0007");
		assertThatExceptionOfType(InvalidSecretNameException.class).isThrownBy(() -> SecretName.of("a%2e"))
			.withMessageContaining("percent-encoding is not accepted");
	}

	@Test
	void foldersMayEndWithSlashAndUseTheReservedSegment() {
		assertThat(SecretName.folder("team/").value()).isEqualTo("team");
		assertThat(SecretName.folder("team/versions").value()).isEqualTo("team/versions");
		assertThatExceptionOfType(InvalidSecretNameException.class).isThrownBy(() -> SecretName.folder("team//"));
	}

	@Test
	void segmentsAndEquality() {
		assertThat(SecretName.of("a/b/c").segments()).containsExactly("a", "b", "c");
		assertThat(SecretName.of("a/b")).isEqualTo(SecretName.of("a/b")).hasSameHashCodeAs(SecretName.of("a/b"));
		assertThat(SecretName.of("a/b")).isNotEqualTo(SecretName.of("a/c"));
	}

}
