package io.github.vaultk8s.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link EmbeddedVault} per test class on a random port and stops it after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static EmbeddedVaultExtension vault = EmbeddedVaultExtension.builder().tokenTtl(Duration.ofSeconds(5)).build();
 * // vault.get().uri() ...
 * }</pre>
 * or {@code @ExtendWith(EmbeddedVaultExtension.class)} with an {@link EmbeddedVault} parameter on a test,
 * lifecycle or constructor method.
 */
public final class EmbeddedVaultExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(EmbeddedVaultExtension.class);

	private final Consumer<EmbeddedVault.Builder> customizer;

	private volatile EmbeddedVault vault;

	/** Dev-state defaults, for {@code @ExtendWith}. */
	public EmbeddedVaultExtension() {
		this((builder) -> {
		});
	}

	private EmbeddedVaultExtension(Consumer<EmbeddedVault.Builder> customizer) {
		this.customizer = customizer;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The running stand-in (started before the first test of the class). */
	public EmbeddedVault get() {
		EmbeddedVault current = this.vault;
		if (current == null) {
			throw new IllegalStateException("EmbeddedVault is not started: register the extension on a static field");
		}
		return current;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.vault != null) {
			return;
		}
		EmbeddedVault.Builder builder = EmbeddedVault.builder().port(0);
		this.customizer.accept(builder);
		this.vault = builder.start();
		// Closed by JUnit with the class's store even if afterAll is skipped by a failure elsewhere.
		context.getStore(NAMESPACE).put(EmbeddedVault.class, (AutoCloseable) this.vault::close);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		EmbeddedVault current = this.vault;
		this.vault = null;
		if (current != null) {
			current.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == EmbeddedVault.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (this.vault == null) {
			throw new ParameterResolutionException("EmbeddedVault is only available after the extension started it");
		}
		return this.vault;
	}

	/** The same settings as {@link EmbeddedVault.Builder}, applied when the class starts. */
	public static final class Builder {

		private Consumer<EmbeddedVault.Builder> customizer = (builder) -> {
		};

		private Builder() {
		}

		public Builder rootToken(String rootToken) {
			return and((builder) -> builder.rootToken(rootToken));
		}

		public Builder host(String host) {
			return and((builder) -> builder.host(host));
		}

		public Builder tls(boolean tls) {
			return and((builder) -> builder.tls(tls));
		}

		public Builder tokenTtl(Duration tokenTtl) {
			return and((builder) -> builder.tokenTtl(tokenTtl));
		}

		public Builder tokenMaxTtl(Duration tokenMaxTtl) {
			return and((builder) -> builder.tokenMaxTtl(tokenMaxTtl));
		}

		public Builder serviceAccountTokenFile(Path serviceAccountTokenFile) {
			return and((builder) -> builder.serviceAccountTokenFile(serviceAccountTokenFile));
		}

		public Builder devState(boolean devState) {
			return and((builder) -> builder.devState(devState));
		}

		public Builder maxRequestSize(long maxRequestSize) {
			return and((builder) -> builder.maxRequestSize(maxRequestSize));
		}

		public Builder clock(java.time.Clock clock) {
			return and((builder) -> builder.clock(clock));
		}

		/** Any other setting of {@link EmbeddedVault.Builder}. */
		public Builder customize(Consumer<EmbeddedVault.Builder> more) {
			return and(more);
		}

		public EmbeddedVaultExtension build() {
			return new EmbeddedVaultExtension(this.customizer);
		}

		private Builder and(Consumer<EmbeddedVault.Builder> more) {
			this.customizer = this.customizer.andThen(more);
			return this;
		}

	}

}
