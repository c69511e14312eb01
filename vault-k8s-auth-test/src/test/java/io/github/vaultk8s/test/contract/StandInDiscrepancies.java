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
			"AclContract#listIsCheckedAgainstThePathWithTrailingSlash",
			"the stand-in checks LIST against the path without its trailing slash, so a rule for "
					+ "'secret/metadata/p' (no slash) wrongly allows LIST secret/metadata/p",
			"AclContract#exactRuleForTheFolderNameDoesNotShadowTheGlobForItsListing",
			"the stand-in checks LIST against the path without its trailing slash, so the exact rule "
					+ "'secret/metadata/p' shadows 'secret/metadata/p/*' and LIST secret/metadata/p is denied",
			"DevStateContract#listingBelowSecretTestapp",
			"same ACL bug: testapp-kv-crud's exact 'secret/metadata/testapp' rule shadows "
					+ "'secret/metadata/testapp/*', so LIST secret/metadata/testapp is denied",
			"SpringVaultKubernetesSessionTest#listWithinThePolicy",
			"same ACL bug: Spring Vault lists with GET secret/metadata/testapp/?list=true, denied by the stand-in",
			"HealthContract#nonBooleanFlagIsBadRequestWithEmptyErrors",
			"Vault's sys_health.go answers respondError(w, 400, nil) = {\"errors\":[]} and only logs the reason; "
					+ "the stand-in puts 'bad value for ... parameter: ...' in the body",
			"HealthContract#nonNumericCodeIsBadRequestWithEmptyErrors",
			"Vault's sys_health.go answers respondError(w, 400, nil) = {\"errors\":[]}; the stand-in puts "
					+ "'bad value for ... parameter: strconv.Atoi: ...' in the body",
			"KubernetesAuthConfigContract#configWithBadCaPemIsRefused",
			"the stand-in accepts a PEM CERTIFICATE block whose content is not a certificate (204); Vault's "
					+ "x509 pool rejects it with 400 'The provided CA PEM data contains no valid certificates'",
			"KvV2DataContract#patchOfAMissingKeyIsNotFoundWithEmptyBody",
			"KV v2 answers RespondWithStatusCode(nil, req, 404): a 404 with an empty body; the stand-in "
					+ "answers {\"errors\":[]}");

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
