package io.github.vaultk8s.auth.metrics;

import java.util.concurrent.atomic.AtomicReference;

import io.github.vaultk8s.auth.support.FakeVaultHttp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VaultRequestTimingInterceptorTests {

	@Test
	void pathTagsHaveABoundedShapeWithoutSecretNames() {
		assertThat(VaultRequestTimingInterceptor.pathShape("/v1/secret/data/testapp/db-password"))
			.isEqualTo("secret/data");
		assertThat(VaultRequestTimingInterceptor.pathShape("/v1/auth/kubernetes/login"))
			.isEqualTo("auth/kubernetes/login");
		assertThat(VaultRequestTimingInterceptor.pathShape("/v1/auth/token/renew-self"))
			.isEqualTo("auth/token/renew-self");
		assertThat(VaultRequestTimingInterceptor.pathShape("/v1/sys/health")).isEqualTo("sys/health");
		assertThat(VaultRequestTimingInterceptor.pathShape(null)).isEqualTo("unknown");
	}

	@Test
	void timesCallsWithStatusAndOutcome() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		FakeVaultHttp vault = new FakeVaultHttp();
		vault.handler((call) -> call.path().contains("denied") ? FakeVaultHttp.respond(HttpStatus.FORBIDDEN, "{}")
				: FakeVaultHttp.respond(HttpStatus.OK, "{}"));
		RestTemplate restTemplate = vault.restTemplate();
		restTemplate.getInterceptors().add(new VaultRequestTimingInterceptor(() -> registry));
		restTemplate.getForObject("secret/data/testapp/a", String.class);
		assertThatExceptionOfType(HttpClientErrorException.class)
			.isThrownBy(() -> restTemplate.getForObject("secret/data/denied", String.class));
		assertThat(registry.get("vault.client.requests").tag("status", "200").tag("outcome", "SUCCESS").timer().count())
			.isOne();
		assertThat(registry.get("vault.client.requests")
			.tag("status", "403")
			.tag("outcome", "CLIENT_ERROR")
			.tag("path", "secret/data")
			.tag("method", "GET")
			.timer()
			.count()).isOne();
	}

	@Test
	void recordsNothingUntilARegistryExists() {
		FakeVaultHttp vault = new FakeVaultHttp();
		vault.handler((call) -> FakeVaultHttp.respond(HttpStatus.OK, "{}"));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		AtomicReference<SimpleMeterRegistry> late = new AtomicReference<>();
		RestTemplate restTemplate = vault.restTemplate();
		restTemplate.getInterceptors().add(new VaultRequestTimingInterceptor(late::get));
		restTemplate.getForObject("sys/health", String.class);
		late.set(registry);
		restTemplate.getForObject("sys/health", String.class);
		assertThat(registry.get("vault.client.requests").timer().count()).isOne();
	}

}
