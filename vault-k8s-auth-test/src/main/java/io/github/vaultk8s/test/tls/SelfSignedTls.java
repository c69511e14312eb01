package io.github.vaultk8s.test.tls;

import javax.net.ssl.SSLContext;

/**
 * A CA and a server certificate for {@code localhost} / {@code 127.0.0.1} made at start, so clients can
 * be tested with a PEM CA. SEAM (filled in by the Kubernetes/TLS work): signatures fixed, bodies not yet.
 */
public final class SelfSignedTls {

	/** Makes a fresh CA and server certificate. */
	public static SelfSignedTls generate() {
		throw new UnsupportedOperationException("not yet");
	}

	/** The server side, for {@code HttpsServer}. */
	public SSLContext serverContext() {
		throw new UnsupportedOperationException("not yet");
	}

	/** The CA certificate in PEM, for clients to trust. */
	public String caPem() {
		throw new UnsupportedOperationException("not yet");
	}

}
