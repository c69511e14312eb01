package io.github.vaultk8s.test.contract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} trusting exactly the certificates of a PEM bundle, as a client given Vault's
 * {@code VAULT_CACERT} would.
 */
final class PemTrust {

	private PemTrust() {
	}

	static SSLContext sslContext(String caPem) {
		try {
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			int index = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
				trustStore.setCertificateEntry("ca-" + index++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Cannot trust the given CA PEM", ex);
		}
	}

}
