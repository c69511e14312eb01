package io.github.vaultk8s.auth.session;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.vault.authentication.event.AuthenticationErrorEvent;
import org.springframework.vault.authentication.event.AuthenticationErrorListener;
import org.springframework.vault.authentication.event.AuthenticationEvent;
import org.springframework.vault.authentication.event.AuthenticationListener;

/**
 * Hands Spring Vault's authentication events, which otherwise reach only listeners added by hand, to the
 * application's {@link ApplicationEventPublisher}, so that {@code @EventListener} methods receive them.
 */
public final class AuthenticationEventForwarder implements AuthenticationListener, AuthenticationErrorListener {

	private final ApplicationEventPublisher publisher;

	public AuthenticationEventForwarder(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onAuthenticationEvent(AuthenticationEvent event) {
		this.publisher.publishEvent(event);
	}

	@Override
	public void onAuthenticationError(AuthenticationErrorEvent event) {
		this.publisher.publishEvent(event);
	}

}
