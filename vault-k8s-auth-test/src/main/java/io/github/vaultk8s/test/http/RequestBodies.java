package io.github.vaultk8s.test.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body up to Vault's {@code max_request_size}. Beyond it Vault's JSON parsing fails on Go's
 * {@code MaxBytesReader} and the answer is 413 with the same {@code error parsing JSON} message.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	public static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
		if (declaredLength > maxBytes) {
			throw tooLarge();
		}
		byte[] buffer = new byte[(declaredLength > 0) ? (int) declaredLength : 1024];
		int length = 0;
		while (true) {
			if (length == buffer.length) {
				long grown = Math.min((long) buffer.length * 2, maxBytes + 1);
				buffer = Arrays.copyOf(buffer, (int) Math.max(grown, buffer.length + 1L));
			}
			int read = in.read(buffer, length, buffer.length - length);
			if (read < 0) {
				break;
			}
			length += read;
			if (length > maxBytes) {
				// The JDK server drains a little of what is left, then drops the connection.
				throw tooLarge();
			}
		}
		return (length == buffer.length) ? buffer : Arrays.copyOf(buffer, length);
	}

	private static VaultApiError tooLarge() {
		return VaultApiError.of(413, "error parsing JSON");
	}

}
