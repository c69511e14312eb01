package io.github.vaultk8s.test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} trusting exactly one PEM CA, for test clients of the TLS stand-in.
 */
public final class TrustingCa {

	private TrustingCa() {
	}

	public static SSLContext sslContext(Path caPem) throws Exception {
		X509Certificate ca;
		try (InputStream in = Files.newInputStream(caPem)) {
			ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		trust.setCertificateEntry("ca", ca);
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

}
