package io.github.vaultk8s.auth.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.vault.authentication.event.AuthenticationErrorEvent;
import org.springframework.vault.authentication.event.AuthenticationEvent;

/**
 * A minimal application using the starter, started per test against the stand-in.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SessionTestApplication {

	static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(SessionTestApplication.class).properties(properties).run();
	}

	@Bean
	ReceivedEvents receivedEvents() {
		return new ReceivedEvents();
	}

	/**
	 * Spring Vault authentication events that reached the application context.
	 */
	static class ReceivedEvents {

		final List<Object> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(AuthenticationEvent event) {
			this.events.add(event);
		}

		@EventListener
		void on(AuthenticationErrorEvent event) {
			this.events.add(event);
		}

	}

}
