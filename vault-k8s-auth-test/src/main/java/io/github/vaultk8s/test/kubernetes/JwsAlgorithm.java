package io.github.vaultk8s.test.kubernetes;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

/**
 * The JWS algorithms Kubernetes may sign service-account tokens with, and so the only ones Vault's
 * Kubernetes auth accepts: RS, PS and ES with SHA-256/384/512. ES signatures are JOSE's fixed-size
 * {@code R || S}, which the JDK reads as its "P1363" format.
 */
enum JwsAlgorithm {

	RS256("SHA256withRSA", null, 0), RS384("SHA384withRSA", null, 0), RS512("SHA512withRSA", null, 0),
	PS256("RSASSA-PSS", "SHA-256", 0), PS384("RSASSA-PSS", "SHA-384", 0), PS512("RSASSA-PSS", "SHA-512", 0),
	ES256("SHA256withECDSAinP1363Format", null, 256), ES384("SHA384withECDSAinP1363Format", null, 384),
	ES512("SHA512withECDSAinP1363Format", null, 521);

	private final String jcaName;

	private final String pssDigest;

	private final int curveBits;

	JwsAlgorithm(String jcaName, String pssDigest, int curveBits) {
		this.jcaName = jcaName;
		this.pssDigest = pssDigest;
		this.curveBits = curveBits;
	}

	static Optional<JwsAlgorithm> named(String name) {
		for (JwsAlgorithm algorithm : values()) {
			if (algorithm.name().equals(name)) {
				return Optional.of(algorithm);
			}
		}
		return Optional.empty();
	}

	/** Whether the key is of the family (and for EC, the curve size) this algorithm needs. */
	boolean fits(Key key) {
		if (this.curveBits == 0) {
			return key instanceof RSAKey;
		}
		return key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() == this.curveBits;
	}

	boolean verify(PublicKey key, byte[] signingInput, byte[] signature) {
		if (!fits(key)) {
			return false;
		}
		try {
			Signature verifier = newSignature();
			verifier.initVerify(key);
			verifier.update(signingInput);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	byte[] sign(PrivateKey key, byte[] signingInput) {
		try {
			Signature signer = newSignature();
			signer.initSign(key);
			signer.update(signingInput);
			return signer.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot sign with " + name(), ex);
		}
	}

	private Signature newSignature() throws GeneralSecurityException {
		Signature signature = Signature.getInstance(this.jcaName);
		if (this.pssDigest != null) {
			int saltLength = Integer.parseInt(this.pssDigest.substring(4)) / 8;
			signature.setParameter(new PSSParameterSpec(this.pssDigest, "MGF1",
					new MGF1ParameterSpec(this.pssDigest), saltLength, PSSParameterSpec.TRAILER_FIELD_BC));
		}
		return signature;
	}

}
