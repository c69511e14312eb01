package io.github.vaultk8s.bench.experiment;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.vault.config.VaultAutoConfiguration;
import org.springframework.cloud.vault.config.VaultProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.vault.config.AbstractVaultConfiguration.ClientFactoryWrapper;

/**
 * Bench experiment, not shipped: Spring Vault builds its Apache HttpClient 5 pool with the library
 * defaults (5 connections per route, 25 in total) and a pool-lease timeout equal to the connect timeout,
 * so at more than 5 concurrent Vault calls requests queue for a connection. This gives the Vault client a
 * pool sized for the app's request threads ({@code bench.vault.pool.max}, default 64), everything else as
 * Spring Vault sets it (plain HTTP only: enough for the loopback bench).
 */
@AutoConfiguration(before = VaultAutoConfiguration.class)
@EnableConfigurationProperties(VaultProperties.class)
public class PooledVaultClientAutoConfiguration {

	@Bean
	public ClientFactoryWrapper clientHttpRequestFactoryWrapper(VaultProperties vault, Environment environment) {
		int max = environment.getProperty("bench.vault.pool.max", Integer.class, 64);
		Timeout connect = Timeout.of(Duration.ofMillis(vault.getConnectionTimeout()));
		Timeout read = Timeout.of(Duration.ofMillis(vault.getReadTimeout()));
		var connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnPerRoute(max)
			.setMaxConnTotal(max)
			.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
			.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).setTcpNoDelay(true).build())
			.build();
		var client = HttpClients.custom()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(read).build())
			.build();
		return new ClientFactoryWrapper(new HttpComponentsClientHttpRequestFactory(client));
	}

}
