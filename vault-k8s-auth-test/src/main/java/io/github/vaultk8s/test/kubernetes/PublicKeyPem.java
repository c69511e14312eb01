package io.github.vaultk8s.test.kubernetes;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code pem_keys}: a PEM public key or a certificate whose key is taken, RSA or ECDSA only,
 * as Vault's {@code parsePublicKeyPEM} accepts. Only the first PEM block counts.
 */
final class PublicKeyPem {

	static final String INVALID = "data does not contain any valid RSA or ECDSA public keys";

	private static final Pattern BLOCK = Pattern
		.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

	private PublicKeyPem() {
	}

	/** @throws IllegalArgumentException with Vault's message when no RSA or ECDSA key is found */
	static PublicKey parse(String pem) {
		Matcher block = BLOCK.matcher(pem);
		if (!block.find()) {
			throw new IllegalArgumentException(INVALID);
		}
		byte[] der;
		try {
			der = Base64.getMimeDecoder().decode(block.group(2));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(INVALID);
		}
		PublicKey key = publicKey(der);
		if (key instanceof RSAPublicKey || key instanceof ECPublicKey) {
			return key;
		}
		throw new IllegalArgumentException(INVALID);
	}

	private static PublicKey publicKey(byte[] der) {
		for (String family : new String[] { "RSA", "EC" }) {
			try {
				return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// try the next family, then a certificate
			}
		}
		try {
			return CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der))
				.getPublicKey();
		}
		catch (GeneralSecurityException ex) {
			return null;
		}
	}

}
