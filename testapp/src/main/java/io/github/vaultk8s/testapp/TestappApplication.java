package io.github.vaultk8s.testapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * REST API over Vault KV {@code secret/testapp}, logged in through the starter.
 */
@SpringBootApplication
public class TestappApplication {

	public static void main(String[] args) {
		SpringApplication.run(TestappApplication.class, args);
	}

}
