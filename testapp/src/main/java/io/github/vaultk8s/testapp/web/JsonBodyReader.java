package io.github.vaultk8s.testapp.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads a request body that must be one JSON object of at most {@value #MAX_BODY_BYTES} bytes.
 * <p>
 * The body is read here rather than through {@code @RequestBody} so that the size limit holds for
 * chunked bodies too, and so that a parse error is reported by position only: Jackson's own messages
 * quote the offending input, which may be a secret.
 */
@Component
class JsonBodyReader {

	static final int MAX_BODY_BYTES = 64 * 1024;

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * Reads the body.
	 * @param declaredLength the Content-Length, or -1 when unknown (chunked)
	 * @throws RequestBodyTooLargeException if it is over the limit
	 * @throws InvalidRequestException if it is empty, not JSON, or not an object
	 */
	Map<String, Object> readObject(InputStream body, long declaredLength) throws IOException {
		if (declaredLength > MAX_BODY_BYTES) {
			throw new RequestBodyTooLargeException();
		}
		byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
		if (bytes.length > MAX_BODY_BYTES) {
			throw new RequestBodyTooLargeException();
		}
		if (bytes.length == 0) {
			throw new InvalidRequestException("The request body is empty; send a JSON object.");
		}
		JsonNode node;
		try {
			node = this.mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("The request body is not valid JSON" + where(ex.getLocation()) + ".");
		}
		if (node == null || !node.isObject()) {
			throw new InvalidRequestException("The request body must be a JSON object.");
		}
		return this.mapper.convertValue(node, OBJECT);
	}

	private static String where(TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

}
