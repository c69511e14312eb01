package io.github.vaultk8s.test.devserver;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DevServerOptionsTests {

	@Test
	void defaults() {
		DevServerOptions options = DevServerOptions.parse();
		assertThat(options.host()).isEqualTo("127.0.0.1");
		assertThat(options.port()).isEqualTo(8200);
		assertThat(options.rootToken()).isEqualTo("root");
		assertThat(options.serviceAccountTokenFile()).isNull();
		assertThat(options.tokenTtl()).isEqualTo(Duration.ofHours(1));
		assertThat(options.tokenMaxTtl()).isEqualTo(Duration.ofHours(24));
		assertThat(options.tls()).isFalse();
		assertThat(options.help()).isFalse();
	}

	@Test
	void everyFlag() {
		DevServerOptions options = DevServerOptions.parse("--listen=0.0.0.0:18200", "--root-token=abc",
				"--sa-token-file=/tmp/sa/token", "--token-ttl=30s", "--token-max-ttl=PT10M", "--tls");
		assertThat(options.host()).isEqualTo("0.0.0.0");
		assertThat(options.port()).isEqualTo(18200);
		assertThat(options.rootToken()).isEqualTo("abc");
		assertThat(options.serviceAccountTokenFile()).isEqualTo(Path.of("/tmp/sa/token"));
		assertThat(options.tokenTtl()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.tokenMaxTtl()).isEqualTo(Duration.ofMinutes(10));
		assertThat(options.tls()).isTrue();
		assertThat(DevServerOptions.parse("--listen=[::1]:0").host()).isEqualTo("::1");
		assertThat(DevServerOptions.parse("--help").help()).isTrue();
	}

	@Test
	void badFlagsAreRejectedWithAReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> DevServerOptions.parse("--bogus"))
			.withMessage("unknown option --bogus");
		assertThatIllegalArgumentException().isThrownBy(() -> DevServerOptions.parse("--listen=8200"));
		assertThatIllegalArgumentException().isThrownBy(() -> DevServerOptions.parse("--listen=host:99999"));
		assertThatIllegalArgumentException().isThrownBy(() -> DevServerOptions.parse("--token-ttl=soon"));
		assertThatIllegalArgumentException().isThrownBy(() -> DevServerOptions.parse("--token-ttl=0s"));
		assertThatIllegalArgumentException().isThrownBy(() -> DevServerOptions.parse("--root-token="));
		assertThatIllegalArgumentException().isThrownBy(() -> DevServerOptions.parse("--tls=yes"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DevServerOptions.parse("--token-ttl=2h", "--token-max-ttl=1h"));
	}

}
