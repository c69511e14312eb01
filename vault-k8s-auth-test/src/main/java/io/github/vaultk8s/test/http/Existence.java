package io.github.vaultk8s.test.http;

/**
 * What a backend's existence check says about a path, to tell {@code create} from {@code update}.
 */
public enum Existence {

	/** The path has no existence check: writes are {@code update}. */
	UNSUPPORTED,

	/** Something is stored at the path: writes are {@code update}. */
	EXISTS,

	/** Nothing is stored at the path: writes are {@code create}. */
	MISSING

}
