package io.github.vaultk8s.test.acl;

import java.util.Locale;

import io.github.vaultk8s.test.http.Operation;

/**
 * A capability in a policy's {@code capabilities} list.
 */
public enum Capability {

	DENY, CREATE, READ, UPDATE, DELETE, LIST, PATCH, SUDO, ROOT;

	public String policyName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The capability named in a policy, or {@code null} when Vault would not know it. */
	public static Capability fromPolicyName(String name) {
		for (Capability capability : values()) {
			if (capability.policyName().equals(name)) {
				return capability;
			}
		}
		return null;
	}

	/** The capability a request needs. */
	public static Capability requiredFor(Operation operation) {
		return switch (operation) {
			case READ -> READ;
			case LIST -> LIST;
			case CREATE -> CREATE;
			case UPDATE -> UPDATE;
			case DELETE -> DELETE;
			case PATCH -> PATCH;
		};
	}

}
