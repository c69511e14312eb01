package io.github.vaultk8s.test.tls;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SelfSignedTls} serving a real {@link HttpsServer}: clients trusting only its CA get through,
 * others are refused during the handshake.
 */
class SelfSignedTlsTests {

	private static final SelfSignedTls tls = SelfSignedTls.generate();

	private HttpsServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
		this.server.createContext("/", (exchange) -> {
			byte[] body = "hello over tls".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void clientTrustingOnlyTheCaPemReachesTheServerByName() throws Exception {
		HttpClient client = HttpClient.newBuilder().sslContext(PemCertificates.trustingOnly(tls.caPem())).build();
		HttpResponse<String> response = client.send(request("localhost"), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello over tls");
	}

	@Test
	void clientTrustingTheCaReachesTheServerByIpAddress() throws Exception {
		HttpClient client = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
		assertThat(client.send(request("127.0.0.1"), HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void clientWithTheSystemTrustStoreIsRefused() {
		HttpClient client = HttpClient.newHttpClient();
		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> client.send(request("localhost"), HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void clientTrustingAnotherCaIsRefused() {
		HttpClient client = HttpClient.newBuilder().sslContext(SelfSignedTls.generate().clientContext()).build();
		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> client.send(request("localhost"), HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void caPemHoldsOneCaCertificateThatSignedTheServerCertificate() throws Exception {
		assertThat(tls.caPem()).startsWith("-----BEGIN CERTIFICATE-----").contains("-----END CERTIFICATE-----");
		List<X509Certificate> certificates = PemCertificates.parse(tls.caPem());
		assertThat(certificates).containsExactly(tls.caCertificate());
		assertThat(tls.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
		tls.serverCertificate().verify(tls.caCertificate().getPublicKey());
		assertThat(tls.serverCertificate().getSubjectAlternativeNames().stream().map((name) -> (Object) name.get(1)))
			.containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
	}

	@Test
	void writeCaWritesThePemToAFile(@TempDir Path directory) throws Exception {
		Path file = tls.writeCa(directory.resolve("nested/ca.crt"));
		assertThat(Files.readString(file)).isEqualTo(tls.caPem());
	}

	@Test
	void pemWithoutCertificatesGivesAContextThatTrustsNothing() {
		HttpClient client = HttpClient.newBuilder().sslContext(PemCertificates.trustingOnly("no pem here")).build();
		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> client.send(request("localhost"), HttpResponse.BodyHandlers.ofString()));
		assertThat(PemCertificates.containsPemBlock("no pem here")).isFalse();
		assertThat(PemCertificates.containsPemBlock(tls.caPem())).isTrue();
	}

	private HttpRequest request(String host) {
		return HttpRequest.newBuilder(URI.create("https://" + host + ":" + this.server.getAddress().getPort() + "/"))
			.build();
	}

}
