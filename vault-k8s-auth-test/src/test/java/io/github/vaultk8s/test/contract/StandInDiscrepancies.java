package io.github.vaultk8s.test.contract;

import java.lang.reflect.Method;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * Where the stand-in is known to differ from real Vault, as found by this suite. A listed test still runs
 * with its assertions unchanged; against the stand-in a failure is reported as <em>aborted</em> with the
 * reason below (visible in every build), and a pass is a pass, so a fix in the stand-in needs no change
 * here. Real-Vault runs never consult this list. Remove an entry once the stand-in is fixed.
 */
public final class StandInDiscrepancies implements InvocationInterceptor {

	private static final Map<String, String> KNOWN = Map.of(
			"KubernetesAuthConfigContract#configWithBadCaPemIsRefused",
			"the stand-in accepts a PEM CERTIFICATE block whose content is not a certificate (204); Vault's "
					+ "x509 pool rejects it with 400 'The provided CA PEM data contains no valid certificates'");

	@Override
	public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
			ExtensionContext extensionContext) throws Throwable {
		proceedNoting(invocation, invocationContext.getExecutable());
	}

	@Override
	public void interceptTestTemplateMethod(Invocation<Void> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext)
			throws Throwable {
		proceedNoting(invocation, invocationContext.getExecutable());
	}

	private static void proceedNoting(Invocation<Void> invocation, Method method) throws Throwable {
		String reason = KNOWN.get(method.getDeclaringClass().getSimpleName() + "#" + method.getName());
		try {
			invocation.proceed();
		}
		catch (Exception | AssertionError failure) {
			if (reason == null) {
				throw failure;
			}
			throw new TestAbortedException("Known stand-in discrepancy: " + reason + ". Failure: " + failure,
					failure);
		}
	}

}
