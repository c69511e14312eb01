package io.github.vaultk8s.test.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA and a server certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, made fresh
 * each time, so clients can be tested with a PEM CA the way they are configured against a cluster.
 * Keys are EC P-256: quick to make, and accepted by the JDK's TLS client and server alike.
 */
public final class SelfSignedTls {

	private static final Duration VALIDITY = Duration.ofDays(2);

	private static final char[] KEY_STORE_PASSWORD = "stand-in".toCharArray();

	private final X509Certificate caCertificate;

	private final X509Certificate serverCertificate;

	private final PrivateKey serverKey;

	private SelfSignedTls(X509Certificate caCertificate, X509Certificate serverCertificate, PrivateKey serverKey) {
		this.caCertificate = caCertificate;
		this.serverCertificate = serverCertificate;
		this.serverKey = serverKey;
	}

	/** Makes a fresh CA and server certificate. */
	public static SelfSignedTls generate() {
		try {
			KeyPair caKeys = newKeyPair();
			KeyPair serverKeys = newKeyPair();
			// Back-dated a little so a client whose clock is slightly behind still accepts the certificates.
			Instant notBefore = Instant.now().minus(Duration.ofMinutes(5));
			Instant notAfter = notBefore.plus(VALIDITY);
			X500Name caName = new X500Name("CN=vault-k8s-auth stand-in CA");
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

			X509v3CertificateBuilder ca = builder(caName, caName, caKeys.getPublic(), notBefore, notAfter)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
				.addExtension(Extension.subjectKeyIdentifier, false,
						extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
			X509Certificate caCertificate = sign(ca, caKeys.getPrivate());

			GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
					new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1") });
			X509v3CertificateBuilder server = builder(caName, new X500Name("CN=localhost"), serverKeys.getPublic(),
					notBefore, notAfter)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
				.addExtension(Extension.subjectAlternativeName, false, names)
				.addExtension(Extension.authorityKeyIdentifier, false,
						extensions.createAuthorityKeyIdentifier(caCertificate))
				.addExtension(Extension.subjectKeyIdentifier, false,
						extensions.createSubjectKeyIdentifier(serverKeys.getPublic()));
			X509Certificate serverCertificate = sign(server, caKeys.getPrivate());
			return new SelfSignedTls(caCertificate, serverCertificate, serverKeys.getPrivate());
		}
		catch (GeneralSecurityException | CertIOException | OperatorCreationException ex) {
			throw new IllegalStateException("cannot generate the stand-in's TLS certificates", ex);
		}
	}

	private static KeyPair newKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
			Instant notBefore, Instant notAfter) {
		BigInteger serial = new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
		return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, key);
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
			throws OperatorCreationException, GeneralSecurityException {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
	}

	/** The server side, for {@code HttpsServer}: the server certificate and its CA as the chain. */
	public SSLContext serverContext() {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setKeyEntry("server", this.serverKey, KEY_STORE_PASSWORD,
					new X509Certificate[] { this.serverCertificate, this.caCertificate });
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(keyStore, KEY_STORE_PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("cannot build the server TLS context", ex);
		}
	}

	/** A client side trusting only this CA. */
	public SSLContext clientContext() {
		return PemCertificates.trustingOnly(caPem());
	}

	/** The CA certificate in PEM, for clients to trust. */
	public String caPem() {
		return PemCertificates.toPem(List.of(this.caCertificate));
	}

	/** The CA certificate. */
	public X509Certificate caCertificate() {
		return this.caCertificate;
	}

	/** The server certificate (signed by the CA). */
	public X509Certificate serverCertificate() {
		return this.serverCertificate;
	}

	/** Writes the CA certificate as PEM to {@code file}, creating parent directories; returns the file. */
	public Path writeCa(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		return Files.writeString(file, caPem(), StandardCharsets.US_ASCII);
	}

}
