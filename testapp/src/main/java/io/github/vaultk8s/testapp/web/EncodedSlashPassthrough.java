package io.github.vaultk8s.testapp.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets {@code %2F} and {@code %5C} in a path reach the application, still encoded, instead of Tomcat
 * refusing them with an HTML error page. The name validation then refuses them with a 400 problem that
 * says why; nothing is ever decoded into a Vault path.
 */
@Component
class EncodedSlashPassthrough implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addConnectorCustomizers((connector) -> {
			connector.setEncodedSolidusHandling("passthrough");
			connector.setEncodedReverseSolidusHandling("passthrough");
		});
	}

}
