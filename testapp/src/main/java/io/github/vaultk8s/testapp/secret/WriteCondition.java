package io.github.vaultk8s.testapp.secret;

/**
 * The precondition of a write, carried out with KV v2 check-and-set so that it holds atomically.
 */
public sealed interface WriteCondition {

	/** Write whatever the current version is. */
	static WriteCondition none() {
		return Unconditional.INSTANCE;
	}

	/** Write only if the current version is {@code version}. */
	static WriteCondition currentVersion(int version) {
		return new CurrentVersion(version);
	}

	/** Write only if the secret does not exist yet. */
	static WriteCondition absent() {
		return Absent.INSTANCE;
	}

	/** Write only if the secret exists. */
	static WriteCondition present() {
		return Present.INSTANCE;
	}

	enum Unconditional implements WriteCondition {

		INSTANCE

	}

	record CurrentVersion(int version) implements WriteCondition {

		public CurrentVersion {
			if (version < 1) {
				throw new IllegalArgumentException("Version must be positive");
			}
		}

	}

	enum Absent implements WriteCondition {

		INSTANCE

	}

	enum Present implements WriteCondition {

		INSTANCE

	}

}
