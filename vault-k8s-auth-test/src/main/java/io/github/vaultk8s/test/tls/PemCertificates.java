package io.github.vaultk8s.test.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Reads and writes PEM certificate bundles, and turns a bundle into an {@link SSLContext} that trusts
 * exactly those certificates (no system CAs), as Vault does with {@code kubernetes_ca_cert}.
 */
public final class PemCertificates {

	private PemCertificates() {
	}

	/**
	 * The certificates in a PEM bundle; other PEM blocks and text between blocks are skipped.
	 * @throws IllegalArgumentException when a CERTIFICATE block cannot be decoded
	 */
	public static List<X509Certificate> parse(String pem) {
		List<X509Certificate> certificates = new ArrayList<>();
		JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object;
			while ((object = parser.readObject()) != null) {
				if (object instanceof X509CertificateHolder holder) {
					certificates.add(converter.getCertificate(holder));
				}
			}
		}
		catch (IOException | CertificateException | RuntimeException ex) {
			throw new IllegalArgumentException("invalid PEM certificate data", ex);
		}
		return List.copyOf(certificates);
	}

	/** Whether the text holds at least one PEM block of any type: all Vault checks before storing a CA. */
	public static boolean containsPemBlock(String pem) {
		int begin = pem.indexOf("-----BEGIN ");
		return begin >= 0 && pem.indexOf("-----END ", begin) > begin;
	}

	/** PEM text for certificates, one block each. */
	public static String toPem(List<X509Certificate> certificates) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			for (X509Certificate certificate : certificates) {
				writer.writeObject(certificate);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/**
	 * A client {@link SSLContext} trusting only the certificates of the bundle. A bundle without
	 * certificates gives a context that trusts nothing, so TLS fails as Vault's empty pool would.
	 */
	public static SSLContext trustingOnly(String pem) {
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			int index = 0;
			for (X509Certificate certificate : parseLeniently(pem)) {
				trustStore.setCertificateEntry("ca-" + index++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("cannot build a TLS context from PEM certificates", ex);
		}
	}

	private static List<X509Certificate> parseLeniently(String pem) {
		try {
			return parse(pem);
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

}
