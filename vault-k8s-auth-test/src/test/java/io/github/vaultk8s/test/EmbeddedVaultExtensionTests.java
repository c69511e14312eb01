package io.github.vaultk8s.test;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedVaultExtensionTests {

	@Nested
	class Registered {

		@RegisterExtension
		static EmbeddedVaultExtension vault = EmbeddedVaultExtension.builder().rootToken("ext-root").build();

		@Test
		void startsOnARandomPortWithTheBuilderSettings() {
			assertThat(vault.get().port()).isPositive();
			assertThat(vault.get().rootToken()).isEqualTo("ext-root");
			assertThat(new TestVaultClient(vault.get().uri()).get("/v1/sys/health", null).status()).isEqualTo(200);
		}

	}

	@Nested
	@ExtendWith(EmbeddedVaultExtension.class)
	class Declared {

		@Test
		void resolvesTheVaultAsAParameter(EmbeddedVault vault) {
			assertThat(vault.rootToken()).isEqualTo("root");
			assertThat(new TestVaultClient(vault.uri()).get("/v1/auth/token/lookup-self", "root").status())
				.isEqualTo(200);
		}

	}

}
