package io.github.vaultk8s.test.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link JwsAlgorithm}, {@link JsonWebToken} and {@link PublicKeyPem}: every algorithm Kubernetes may sign
 * with verifies with its own key and nothing else, and {@code pem_keys} entries read as Vault reads them.
 */
class JwsAlgorithmTests {

	private static final byte[] INPUT = "header.claims".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@EnumSource(JwsAlgorithm.class)
	void signatureVerifiesWithTheSigningKeyOnly(JwsAlgorithm algorithm) throws Exception {
		KeyPair keys = keysFor(algorithm);
		byte[] signature = algorithm.sign(keys.getPrivate(), INPUT);
		assertThat(algorithm.verify(keys.getPublic(), INPUT, signature)).isTrue();
		assertThat(algorithm.verify(keys.getPublic(), "header.other".getBytes(StandardCharsets.US_ASCII), signature))
			.isFalse();
		assertThat(algorithm.verify(otherKeysFor(algorithm).getPublic(), INPUT, signature)).isFalse();
	}

	@Test
	void keyOfTheWrongFamilyOrCurveNeverVerifies() throws Exception {
		KeyPair ec256 = ecKeys("secp256r1");
		byte[] signature = JwsAlgorithm.ES256.sign(ec256.getPrivate(), INPUT);
		assertThat(JwsAlgorithm.ES384.verify(ec256.getPublic(), INPUT, signature)).isFalse();
		assertThat(JwsAlgorithm.RS256.verify(ec256.getPublic(), INPUT, signature)).isFalse();
		assertThat(JwsAlgorithm.ES256.verify(TestKeys.CLUSTER.getPublic(), INPUT, signature)).isFalse();
	}

	@Test
	void compactTokenRoundTrips() {
		String compact = JsonWebToken.sign(JwsAlgorithm.PS384, "kid-1", TestKeys.CLUSTER.getPrivate(),
				Map.of("sub", "system:serviceaccount:apps:testapp"));
		JsonWebToken jwt = JsonWebToken.parse(compact);
		assertThat(jwt.algorithm()).isEqualTo(JwsAlgorithm.PS384);
		assertThat(jwt.header()).containsEntry("kid", "kid-1");
		assertThat(jwt.claims()).containsEntry("sub", "system:serviceaccount:apps:testapp");
		assertThat(jwt.algorithm().verify(TestKeys.CLUSTER.getPublic(), jwt.signingInput(), jwt.signature())).isTrue();
	}

	@Test
	void malformedCompactTokensAreRefused() {
		String header = encode("{\"alg\":\"RS256\"}");
		String claims = encode("{\"sub\":\"x\"}");
		for (String bad : new String[] { "", "a.b", "a.b.c.d", header + ".!!!.sig", header + "." + encode("[1]") + ".c2ln",
				encode("{\"alg\":\"HS256\"}") + "." + claims + ".c2ln", encode("{}") + "." + claims + ".c2ln",
				header + "." + claims + ".c2ln=" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> JsonWebToken.parse(bad));
		}
	}

	@Test
	void pemKeysAcceptRsaAndEcKeysAndCertificates() throws Exception {
		ServiceAccountTokens tokens = new ServiceAccountTokens(MutableClock.startingNow(), TestKeys.CLUSTER);
		assertThat(PublicKeyPem.parse(tokens.publicKeyPem())).isEqualTo(TestKeys.CLUSTER.getPublic());
		KeyPair ec = ecKeys("secp384r1");
		String ecPem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(ec.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";
		assertThat(PublicKeyPem.parse(ecPem)).isEqualTo(ec.getPublic());
		io.github.vaultk8s.test.tls.SelfSignedTls tls = io.github.vaultk8s.test.tls.SelfSignedTls.generate();
		assertThat(PublicKeyPem.parse(tls.caPem())).isEqualTo(tls.caCertificate().getPublicKey());
	}

	@Test
	void pemKeysRefuseOtherData() {
		for (String bad : new String[] { "", "not pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> PublicKeyPem.parse(bad))
				.withMessage("data does not contain any valid RSA or ECDSA public keys");
		}
	}

	private static KeyPair keysFor(JwsAlgorithm algorithm) throws Exception {
		return switch (algorithm) {
			case ES256 -> ecKeys("secp256r1");
			case ES384 -> ecKeys("secp384r1");
			case ES512 -> ecKeys("secp521r1");
			default -> TestKeys.CLUSTER;
		};
	}

	private static KeyPair otherKeysFor(JwsAlgorithm algorithm) throws Exception {
		return algorithm.name().startsWith("ES") ? keysFor(algorithm) : TestKeys.OTHER_CLUSTER;
	}

	private static KeyPair ecKeys(String curve) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec(curve));
		return generator.generateKeyPair();
	}

	private static String encode(String json) {
		return JsonWebToken.encode(json.getBytes(StandardCharsets.UTF_8));
	}

}
