package io.github.vaultk8s.testapp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request as raw bytes, for request targets no HTTP client library would let through (spaces,
 * control characters, backslashes, raw non-ASCII), and returns the status code of the answer.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * @return the response status, or -1 when the server closed the connection without answering
	 */
	static int send(int port, String method, byte[] target, String contentType, byte[] body) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(15_000);
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
			request.writeBytes(target);
			StringBuilder head = new StringBuilder(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
			if (contentType != null) {
				head.append("Content-Type: ").append(contentType).append("\r\n");
			}
			head.append("Content-Length: ").append((body != null) ? body.length : 0).append("\r\n\r\n");
			request.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
			if (body != null) {
				request.writeBytes(body);
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toByteArray());
			out.flush();
			return readStatus(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int readStatus(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			line.append((char) c);
		}
		String[] parts = line.toString().split(" ");
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			return -1;
		}
		in.transferTo(OutputStream.nullOutputStream());
		return Integer.parseInt(parts[1].trim());
	}

}
