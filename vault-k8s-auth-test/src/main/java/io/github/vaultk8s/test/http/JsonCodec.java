package io.github.vaultk8s.test.http;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the stand-in. Jackson maps are read as {@code LinkedHashMap}, numbers as
 * {@code Integer}/{@code Long}/{@code Double}.
 */
public final class JsonCodec {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonCodec() {
	}

	/**
	 * Reads a request body the way Vault does: empty or {@code null} = no data, anything but an object is
	 * a 400 {@code error parsing JSON}.
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> readBody(byte[] body) {
		if (body.length == 0 || isBlank(body)) {
			return null;
		}
		Object value;
		try {
			value = MAPPER.readValue(body, Object.class);
		}
		catch (JacksonException ex) {
			throw VaultApiError.badRequest("error parsing JSON");
		}
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map)) {
			throw VaultApiError.badRequest("error parsing JSON");
		}
		return (Map<String, Object>) value;
	}

	/** Reads any JSON document; {@link JacksonException} when it is not JSON. */
	public static <T> T read(byte[] json, Class<T> type) {
		return MAPPER.readValue(json, type);
	}

	public static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return false;
			}
		}
		return true;
	}

}
