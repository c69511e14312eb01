package io.github.vaultk8s.test.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the part of HCL that Vault policies use: {@code key "label" { ... }} blocks, {@code key = value}
 * assignments, strings, numbers, booleans, lists, nested objects and {@code #}, {@code //} and
 * {@code /* *\/} comments. The result is a generic tree; {@link PolicyParser} gives it a meaning.
 */
final class HclReader {

	/** One {@code key [labels] = value} or {@code key [labels] { body }} item. */
	record Item(String key, List<String> labels, Object value, int line) {
	}

	private final String text;

	private int pos;

	private int line = 1;

	private HclReader(String text) {
		this.text = text;
	}

	/** Reads a whole document into its top-level items. */
	static List<Item> read(String text) {
		HclReader reader = new HclReader(text);
		List<Item> items = reader.body(false);
		reader.skipSpace();
		if (reader.pos < reader.text.length()) {
			throw reader.error("unexpected '" + reader.text.charAt(reader.pos) + "'");
		}
		return items;
	}

	private List<Item> body(boolean nested) {
		List<Item> items = new ArrayList<>();
		while (true) {
			skipSpace();
			if (this.pos >= this.text.length()) {
				if (nested) {
					throw error("unexpected end of input, expected '}'");
				}
				return items;
			}
			char c = this.text.charAt(this.pos);
			if (c == '}') {
				if (!nested) {
					throw error("unexpected '}'");
				}
				this.pos++;
				return items;
			}
			if (c == ',') {
				this.pos++;
				continue;
			}
			int itemLine = this.line;
			String key = (c == '"') ? string() : identifier();
			List<String> labels = new ArrayList<>();
			while (true) {
				skipSpace();
				if (peek('"')) {
					labels.add(string());
				}
				else {
					break;
				}
			}
			skipSpace();
			if (peek('=') || peek(':')) {
				this.pos++;
				items.add(new Item(key, labels, value(), itemLine));
			}
			else if (peek('{')) {
				this.pos++;
				items.add(new Item(key, labels, body(true), itemLine));
			}
			else {
				throw error("expected '=' or '{' after \"" + key + "\"");
			}
		}
	}

	private Object value() {
		skipSpace();
		if (this.pos >= this.text.length()) {
			throw error("expected a value");
		}
		char c = this.text.charAt(this.pos);
		if (c == '"') {
			return string();
		}
		if (c == '[') {
			this.pos++;
			List<Object> values = new ArrayList<>();
			while (true) {
				skipSpace();
				if (peek(']')) {
					this.pos++;
					return values;
				}
				values.add(value());
				skipSpace();
				if (peek(',')) {
					this.pos++;
				}
				else if (!peek(']')) {
					throw error("expected ',' or ']' in list");
				}
			}
		}
		if (c == '{') {
			this.pos++;
			return body(true);
		}
		String word = identifier();
		return switch (word) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> {
				try {
					yield Long.parseLong(word);
				}
				catch (NumberFormatException ex) {
					throw error("unexpected value \"" + word + "\"");
				}
			}
		};
	}

	private String identifier() {
		int start = this.pos;
		while (this.pos < this.text.length()) {
			char c = this.text.charAt(this.pos);
			if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
				this.pos++;
			}
			else {
				break;
			}
		}
		if (start == this.pos) {
			throw error((this.pos < this.text.length()) ? "unexpected '" + this.text.charAt(this.pos) + "'"
					: "unexpected end of input");
		}
		return this.text.substring(start, this.pos);
	}

	private String string() {
		this.pos++;
		StringBuilder out = new StringBuilder();
		while (true) {
			if (this.pos >= this.text.length()) {
				throw error("unterminated string");
			}
			char c = this.text.charAt(this.pos++);
			if (c == '"') {
				return out.toString();
			}
			if (c == '\n') {
				throw error("unterminated string");
			}
			if (c == '\\') {
				if (this.pos >= this.text.length()) {
					throw error("unterminated string");
				}
				char escaped = this.text.charAt(this.pos++);
				switch (escaped) {
					case 'n' -> out.append('\n');
					case 't' -> out.append('\t');
					case 'r' -> out.append('\r');
					case '"', '\\', '/' -> out.append(escaped);
					default -> throw error("invalid escape \\" + escaped);
				}
			}
			else {
				out.append(c);
			}
		}
	}

	private void skipSpace() {
		while (this.pos < this.text.length()) {
			char c = this.text.charAt(this.pos);
			if (c == '\n') {
				this.line++;
				this.pos++;
			}
			else if (Character.isWhitespace(c)) {
				this.pos++;
			}
			else if (c == '#' || this.text.startsWith("//", this.pos)) {
				while (this.pos < this.text.length() && this.text.charAt(this.pos) != '\n') {
					this.pos++;
				}
			}
			else if (this.text.startsWith("/*", this.pos)) {
				int end = this.text.indexOf("*/", this.pos + 2);
				if (end < 0) {
					throw error("unterminated comment");
				}
				for (int i = this.pos; i < end; i++) {
					if (this.text.charAt(i) == '\n') {
						this.line++;
					}
				}
				this.pos = end + 2;
			}
			else {
				return;
			}
		}
	}

	private boolean peek(char c) {
		return this.pos < this.text.length() && this.text.charAt(this.pos) == c;
	}

	private IllegalArgumentException error(String message) {
		return new IllegalArgumentException("line " + this.line + ": " + message);
	}

}
