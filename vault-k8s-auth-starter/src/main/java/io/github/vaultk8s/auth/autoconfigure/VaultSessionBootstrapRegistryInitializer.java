package io.github.vaultk8s.auth.autoconfigure;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import io.github.vaultk8s.auth.client.ForbiddenTokenRetryInterceptor;
import io.github.vaultk8s.auth.metrics.VaultRequestTimingInterceptor;
import io.github.vaultk8s.auth.session.ResilientSessionManager;

import org.springframework.boot.bootstrap.BootstrapContext;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.BootstrapRegistryInitializer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.vault.client.RestTemplateFactory;
import org.springframework.cloud.vault.config.VaultAutoConfiguration.TaskSchedulerWrapper;
import org.springframework.cloud.vault.config.VaultProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.authentication.LifecycleAwareSessionManagerSupport.FixedTimeoutRefreshTrigger;
import org.springframework.vault.authentication.SessionManager;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.client.RestTemplateBuilder;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * One session for config data and the application. With {@code spring.config.import=vault://} Spring Cloud Vault
 * builds its client authentication, session manager and {@code VaultTemplate} in Boot's bootstrap registry with
 * {@code registerIfAbsent} and later promotes them into the application context. This initializer registers first,
 * so the objects Spring Cloud Vault loads config with — and then hands to the application — are the starter's:
 * one login per start.
 * <p>
 * The registrations are lazy and only used when config data import runs. The suppliers read
 * {@code vault.k8s-auth.*} through the bootstrap {@link Binder}; with {@code vault.k8s-auth.enabled=false} they
 * build what Spring Cloud Vault itself would.
 */
public class VaultSessionBootstrapRegistryInitializer implements BootstrapRegistryInitializer {

	private static final boolean MICROMETER_PRESENT = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			VaultSessionBootstrapRegistryInitializer.class.getClassLoader());

	@Override
	public void initialize(BootstrapRegistry registry) {
		AtomicReference<@Nullable ConfigurableApplicationContext> application = new AtomicReference<>();
		registry.addCloseListener((event) -> application.set(event.getApplicationContext()));
		registry.registerIfAbsent(ClientAuthentication.class, (context) -> clientAuthentication(context, application));
		registry.registerIfAbsent(SessionManager.class, (context) -> sessionManager(context, application));
		registry.registerIfAbsent(VaultTemplate.class, (context) -> vaultTemplate(context, application));
	}

	private static ClientAuthentication clientAuthentication(BootstrapContext context,
			AtomicReference<@Nullable ConfigurableApplicationContext> application) {
		VaultProperties vaultProperties = context.get(VaultProperties.class);
		RestOperations restOperations = restOperations(context, application);
		if (properties(context).isEnabled()
				&& vaultProperties.getAuthentication() == VaultProperties.AuthenticationMethod.KUBERNETES) {
			return VaultSessionFactory.kubernetesLogin(vaultProperties, restOperations);
		}
		return SpringCloudVaultClientAuthentication.create(vaultProperties, restOperations,
				new RestTemplate(context.get(RestTemplateFactory.class).create().getRequestFactory()));
	}

	private static SessionManager sessionManager(BootstrapContext context,
			AtomicReference<@Nullable ConfigurableApplicationContext> application) {
		VaultProperties vaultProperties = context.get(VaultProperties.class);
		ClientAuthentication clientAuthentication = context.get(ClientAuthentication.class);
		RestOperations restOperations = restOperations(context, application);
		VaultK8sAuthProperties properties = properties(context);
		if (properties.isEnabled()) {
			return VaultSessionFactory.sessionManager(clientAuthentication, restOperations, properties,
					vaultProperties.isFailFast());
		}
		// What Spring Cloud Vault builds when the starter is switched off.
		VaultProperties.SessionLifecycle lifecycle = vaultProperties.getSession().getLifecycle();
		if (lifecycle.isEnabled()) {
			return new LifecycleAwareSessionManager(clientAuthentication,
					context.get(TaskSchedulerWrapper.class).getTaskScheduler(), restOperations,
					new FixedTimeoutRefreshTrigger(lifecycle.getRefreshBeforeExpiry(), lifecycle.getExpiryThreshold()));
		}
		return new SimpleSessionManager(clientAuthentication);
	}

	private static VaultTemplate vaultTemplate(BootstrapContext context,
			AtomicReference<@Nullable ConfigurableApplicationContext> application) {
		RestTemplateBuilder builder = context.get(RestTemplateBuilder.class);
		VaultProperties vaultProperties = context.get(VaultProperties.class);
		if (vaultProperties.getAuthentication() == VaultProperties.AuthenticationMethod.NONE) {
			return new VaultTemplate(builder);
		}
		SessionManager session = context.get(SessionManager.class);
		VaultK8sAuthProperties properties = properties(context);
		if (properties.isEnabled()) {
			builder.customizers((restTemplate) -> {
				if (MICROMETER_PRESENT) {
					restTemplate.getInterceptors().add(MeterRegistryLookup.interceptor(application));
				}
				if (properties.isRetryOnInvalidToken() && session instanceof ResilientSessionManager resilient) {
					restTemplate.getInterceptors().add(new ForbiddenTokenRetryInterceptor(() -> resilient));
				}
			});
		}
		return new VaultTemplate(builder, session);
	}

	private static RestTemplate restOperations(BootstrapContext context,
			AtomicReference<@Nullable ConfigurableApplicationContext> application) {
		RestTemplate restTemplate = context.get(RestTemplateFactory.class).create();
		if (MICROMETER_PRESENT && properties(context).isEnabled()) {
			restTemplate.getInterceptors().add(0, MeterRegistryLookup.interceptor(application));
		}
		return restTemplate;
	}

	private static VaultK8sAuthProperties properties(BootstrapContext context) {
		return context.get(Binder.class)
			.bind("vault.k8s-auth", VaultK8sAuthProperties.class)
			.orElseGet(VaultK8sAuthProperties::new);
	}

	/**
	 * The meter registry of the application context, which exists only after the clients were built.
	 */
	private static final class MeterRegistryLookup {

		static VaultRequestTimingInterceptor interceptor(
				AtomicReference<@Nullable ConfigurableApplicationContext> application) {
			Supplier<@Nullable MeterRegistry> lookup = () -> {
				ConfigurableApplicationContext context = application.get();
				if (context == null || !context.isActive()) {
					return null;
				}
				return context.getBeanProvider(MeterRegistry.class).getIfUnique();
			};
			return new VaultRequestTimingInterceptor(lookup);
		}

	}

	/**
	 * Spring Cloud Vault's own client authentication, for methods other than Kubernetes and for
	 * {@code vault.k8s-auth.enabled=false}. Its factory is package-private, hence reflection; the result is
	 * exactly what Spring Cloud Vault would have registered.
	 */
	private static final class SpringCloudVaultClientAuthentication {

		private static final String FACTORY = "org.springframework.cloud.vault.config.ClientAuthenticationFactory";

		static ClientAuthentication create(VaultProperties vaultProperties, RestOperations vaultRestOperations,
				RestOperations externalRestOperations) {
			try {
				Class<?> factoryType = ClassUtils.forName(FACTORY, VaultProperties.class.getClassLoader());
				Constructor<?> constructor = factoryType.getDeclaredConstructor(VaultProperties.class,
						RestOperations.class, RestOperations.class);
				ReflectionUtils.makeAccessible(constructor);
				Object factory = constructor.newInstance(vaultProperties, vaultRestOperations, externalRestOperations);
				Method create = factoryType.getDeclaredMethod("createClientAuthentication");
				ReflectionUtils.makeAccessible(create);
				return (ClientAuthentication) ReflectionUtils.invokeMethod(create, factory);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot create Spring Cloud Vault's client authentication for "
						+ vaultProperties.getAuthentication(), ex);
			}
		}

	}

}
