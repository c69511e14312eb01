package io.github.vaultk8s.testapp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.vaultk8s.test.RequestLog;
import io.github.vaultk8s.testapp.TestappClient.Response;
import io.github.vaultk8s.testapp.secret.SecretName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated bad requests (names, bodies, conditional headers, content types, query parameters, raw
 * request targets), reproducible from {@link #SEED}. Every one must get a 4xx, none a 5xx, nothing may
 * be written to Vault, and Vault must see no path outside {@code secret/<api>/testapp}.
 */
class SecretsApiFuzzTests extends EmbeddedVaultApplicationTests {

	private static final long SEED = 0x5EC12E75L;

	private static final int CASES = 1200;

	private static final Pattern ALLOWED_VAULT_PATH = Pattern
		.compile("/v1/secret/(data|metadata|delete|undelete|destroy)/testapp(?:/(.*))?|/v1/auth/kubernetes/login"
				+ "|/v1/auth/token/[a-z-]+|/v1/sys/health|/apis/authentication\\.k8s\\.io/v1/tokenreviews");

	private static final String[] SEGMENTS = { "db", "app", "team-a", "x.y", "v_1", "A", "config", "0" };

	private static final String[] NAME_DEFECTS = { "%2F", "%2f", "%2e%2e", "%2e", "%00", "%0A", "%0d%0a", "%25",
			"%C3%A9", "%5C", "%41", "%20", ";", ";jsessionid=1", ":", "@", "!", "$", "&", "'", "(", ")", "*", "+", ",",
			"=", "~" };

	private static final byte[][] RAW_DEFECTS = { bytes(" "), bytes("\\"), bytes("\""), bytes("<"), bytes(">"),
			bytes("{"), bytes("}"), bytes("|"), bytes("^"), bytes("`"), { 0x01 }, { 0x09 }, { 0x7f }, { 0x00 },
			{ (byte) 0xC3, (byte) 0xA9 }, { (byte) 0xFF } };

	private static final String[] BAD_BODIES = { "", " ", "[]", "[1,2]", "\"text\"", "42", "true", "null", "{",
			"{\"a\":", "{\"a\":1", "{\"a\":1}}", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "{'a':1}", "{a:1}", "{\"a\":NaN}",
			"{\"a\":1,}", "/* c */{\"a\":1}", "{\"a\":\"\\u12\"}", "{\"a\":01}", "\u0000", "{\"a\":1}{\"b\":2}" };

	private static final String[] BAD_VERSION_BODIES = { "{}", "{\"versions\":[]}", "{\"versions\":[0]}",
			"{\"versions\":[-1]}", "{\"versions\":[\"1\"]}", "{\"versions\":[1.5]}", "{\"versions\":1}",
			"{\"versions\":null}", "{\"versions\":[1],\"x\":1}", "{\"versions\":[1e12]}", "{\"versions\":[9999999999]}",
			"{\"Versions\":[1]}" };

	private static final String[] BAD_CONTENT_TYPES = { "text/plain", "application/xml", "text/json",
			"multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json-patch+json",
			"application/octet-stream", "a/b/c", ";;", "json", "*/*", "application/*" };

	private static final String[] BAD_IF_MATCH = { "W/\"1\"", "\"1\", \"2\"", "\"abc\"", "\"0\"", "\"-1\"", "1.0",
			"\"99999999999\"", "**", "\"\"", "'1'", "\"1", "1\"", "x", "\"01\"" };

	private static final String[] BAD_QUERIES = { "version=0", "version=-1", "version=abc", "version=1.5",
			"version=99999999999", "version=%00", "version=1&version=x", "version=1&version=1", "version=",
			"version=+1", "version=0x1" };

	private static final String[] BAD_DELETE_QUERIES = { "versions=x", "versions=1,,2", "versions=-1", "versions=0",
			"versions=1;2", "versions=%20", "purge=maybe", "purge=true&versions=1", "versions=99999999999",
			"purge=", "purge=TRUE", "purge=true&purge=false", "versions=1&versions=2", "versions=" };

	@Test
	void badRequestsGet4xxChangeNothingAndStayInsideTestapp() {
		Random random = new Random(SEED);
		String existing = unique("fuzz");
		assertThat(this.api.put("/secrets/" + existing, "{\"keep\":\"me\"}").status()).isEqualTo(201);
		vault.requests().reset();

		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (int i = 0; i < CASES; i++) {
			String[] description = new String[1];
			IntSupplier fuzzCase = generate(random, i % 7, existing, description);
			int status = fuzzCase.getAsInt();
			statuses.merge(status, 1, Integer::sum);
			if (status < 400 || status >= 500) {
				failures.add("case " + i + ": " + description[0] + " -> " + status);
			}
		}
		System.out.println("Fuzz statuses (seed " + SEED + ", " + CASES + " cases): " + statuses);

		assertThat(failures).isEmpty();
		assertThat(statuses.keySet()).allMatch((status) -> status >= 400 && status < 500);
		for (RequestLog.Entry request : vault.requests().entries()) {
			Matcher allowed = ALLOWED_VAULT_PATH.matcher(request.path());
			assertThat(allowed.matches()).as(request.toString()).isTrue();
			if (allowed.group(2) != null && !allowed.group(2).isEmpty()) {
				SecretName.folder(allowed.group(2));
			}
			if (request.path().startsWith("/v1/secret/")) {
				assertThat(request.method()).as("no bad request may write to Vault: " + request)
					.isIn("GET", "LIST");
			}
		}
		Response unchanged = this.api.get("/secrets/" + existing);
		assertThat(unchanged.header("ETag")).isEqualTo("\"1\"");
		assertThat(unchanged.json().get("data").toString()).isEqualTo("{\"keep\":\"me\"}");
	}

	private IntSupplier generate(Random random, int kind, String existing, String[] description) {
		String name = random.nextBoolean() ? existing : unique("absent");
		return switch (kind) {
			case 0 -> badName(random, description);
			case 1 -> rawTarget(random, description);
			case 2 -> {
				String method = pick(random, "PUT", "PATCH");
				String body = badBody(random);
				description[0] = method + " body " + abbreviate(body);
				yield () -> this.api.send(method, "/secrets/" + name,
						method.equals("PUT") ? "application/json" : "application/merge-patch+json", body).status();
			}
			case 3 -> {
				String action = pick(random, "undelete", "destroy");
				String body = random.nextBoolean() ? pick(random, BAD_VERSION_BODIES) : badBody(random);
				description[0] = "POST " + action + " body " + abbreviate(body);
				yield () -> this.api.post("/secrets/" + name + "/" + action, body).status();
			}
			case 4 -> {
				String method = pick(random, "PUT", "PATCH", "POST");
				String contentType = pick(random, BAD_CONTENT_TYPES);
				String path = "/secrets/" + name + (method.equals("POST") ? "/undelete" : "");
				String body = method.equals("POST") ? "{\"versions\":[1]}" : "{\"a\":1}";
				description[0] = method + " Content-Type " + contentType;
				yield () -> this.api.send(method, path, contentType, body).status();
			}
			case 5 -> {
				String method = pick(random, "PUT", "PATCH");
				String contentType = method.equals("PUT") ? "application/json" : "application/merge-patch+json";
				String[] headers = badConditionalHeaders(random, method);
				description[0] = method + " headers " + String.join(" ", headers);
				yield () -> this.api.send(method, "/secrets/" + name, contentType, "{\"a\":1}", headers).status();
			}
			default -> {
				boolean delete = random.nextBoolean();
				String query = delete ? pick(random, BAD_DELETE_QUERIES) : pick(random, BAD_QUERIES);
				description[0] = (delete ? "DELETE" : "GET") + " ?" + query;
				yield () -> (delete ? this.api.delete("/secrets/" + name + "?" + query)
						: this.api.get("/secrets/" + name + "?" + query)).status();
			}
		};
	}

	private IntSupplier badName(Random random, String[] description) {
		List<String> segments = new ArrayList<>();
		int count = 1 + random.nextInt(4);
		for (int i = 0; i < count; i++) {
			segments.add(pick(random, SEGMENTS));
		}
		String method = pick(random, "GET", "PUT", "PATCH", "DELETE", "POST");
		int defect = random.nextInt(7);
		int at = random.nextInt(segments.size());
		switch (defect) {
			case 0 -> segments.set(at, segments.get(at) + pick(random, NAME_DEFECTS) + pick(random, SEGMENTS));
			case 1 -> segments.set(at, pick(random, NAME_DEFECTS));
			case 2 -> segments.add(at, "");
			case 3 -> {
				// A dot segment with a real segment after it, so the path never normalizes to /secrets.
				segments.add(at, pick(random, ".", ".."));
				segments.add(pick(random, SEGMENTS));
			}
			case 4 -> {
				while (segments.size() <= SecretName.MAX_SEGMENTS) {
					segments.add(pick(random, SEGMENTS));
				}
			}
			case 5 -> segments.set(at, "a".repeat(SecretName.MAX_LENGTH + random.nextInt(100)));
			default -> segments.set(segments.size() - 1, segments.get(segments.size() - 1) + "/");
		}
		String name = String.join("/", segments);
		String path = "/secrets/" + name + (method.equals("POST") ? "/" + pick(random, "undelete", "destroy") : "");
		String body = method.equals("POST") ? "{\"versions\":[1]}" : "{\"a\":1}";
		String contentType = switch (method) {
			case "PUT", "POST" -> "application/json";
			case "PATCH" -> "application/merge-patch+json";
			default -> null;
		};
		description[0] = method + " " + abbreviate(path);
		return () -> this.api.send(method, path, contentType, (contentType != null) ? body : null).status();
	}

	private IntSupplier rawTarget(Random random, String[] description) {
		String method = pick(random, "GET", "PUT", "DELETE");
		byte[] defect = RAW_DEFECTS[random.nextInt(RAW_DEFECTS.length)];
		byte[] prefix = bytes("/secrets/" + pick(random, SEGMENTS));
		byte[] suffix = bytes(pick(random, SEGMENTS));
		byte[] target = new byte[prefix.length + defect.length + suffix.length];
		System.arraycopy(prefix, 0, target, 0, prefix.length);
		System.arraycopy(defect, 0, target, prefix.length, defect.length);
		System.arraycopy(suffix, 0, target, prefix.length + defect.length, suffix.length);
		description[0] = "raw " + method + " " + new String(target, StandardCharsets.ISO_8859_1)
			.replaceAll("\\p{Cntrl}", "?");
		byte[] body = method.equals("PUT") ? bytes("{\"a\":1}") : null;
		return () -> RawHttp.send(this.port, method, target, method.equals("PUT") ? "application/json" : null, body);
	}

	private static String badBody(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> "{\"a\":" + "[".repeat(2000 + random.nextInt(3000)) + "}";
			case 1 -> "{\"v\":\"" + "x".repeat(64 * 1024 + random.nextInt(1024)) + "\"}";
			case 2 -> {
				byte[] garbage = new byte[1 + random.nextInt(64)];
				random.nextBytes(garbage);
				garbage[0] = (byte) '~';
				yield new String(garbage, StandardCharsets.ISO_8859_1);
			}
			default -> pick(random, BAD_BODIES);
		};
	}

	private static String[] badConditionalHeaders(Random random, String method) {
		int choice = random.nextInt(3);
		if (choice == 0) {
			return new String[] { "If-Match", pick(random, BAD_IF_MATCH) };
		}
		if (method.equals("PATCH")) {
			// PATCH changes an existing secret: any If-None-Match is a contradiction.
			return new String[] { "If-None-Match", pick(random, "*", "\"1\"", "W/\"1\"", "x") };
		}
		if (choice == 1) {
			return new String[] { "If-None-Match", pick(random, "\"1\"", "W/\"1\"", "x", "\"1\", \"2\"", "**") };
		}
		return new String[] { "If-Match", "\"1\"", "If-None-Match", "*" };
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... choices) {
		return choices[random.nextInt(choices.length)];
	}

	private static String abbreviate(String text) {
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() > 60) ? printable.substring(0, 60) + "...(" + text.length() + " chars)" : printable;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
