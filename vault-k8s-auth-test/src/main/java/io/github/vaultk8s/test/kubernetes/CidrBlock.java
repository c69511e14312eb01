package io.github.vaultk8s.test.kubernetes;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address block from {@code token_bound_cidrs}: {@code 10.0.0.0/8}, or a single address meaning
 * exactly that address. Only literal addresses are accepted, so parsing never touches DNS.
 */
final class CidrBlock {

	private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

	private final String text;

	private final BigInteger network;

	private final int prefixLength;

	private final int bits;

	private CidrBlock(String text, BigInteger network, int prefixLength, int bits) {
		this.text = text;
		this.network = network;
		this.prefixLength = prefixLength;
		this.bits = bits;
	}

	/** @throws IllegalArgumentException with Vault's wording when the text is not an address or block */
	static CidrBlock parse(String text) {
		int slash = text.indexOf('/');
		String address = (slash < 0) ? text : text.substring(0, slash);
		InetAddress inet = literal(address)
			.orElseThrow(() -> new IllegalArgumentException(unparsable(text)));
		int bits = inet.getAddress().length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(unparsable(text));
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException(unparsable(text));
			}
		}
		String display = (prefix == bits) ? address : text;
		return new CidrBlock(display, mask(new BigInteger(1, inet.getAddress()), prefix, bits), prefix, bits);
	}

	private static String unparsable(String text) {
		return "error parsing address " + GoQuote.of(text) + ": Unable to convert " + GoQuote.of(text)
				+ " to an IPv4 or IPv6 address, or a UNIX Socket";
	}

	/** A literal IPv4 or IPv6 address, without a DNS lookup; brackets around IPv6 are allowed. */
	static Optional<InetAddress> literal(String address) {
		String bare = (address.startsWith("[") && address.endsWith("]"))
				? address.substring(1, address.length() - 1) : address;
		if (bare.isEmpty() || !IP_LITERAL.matcher(bare).matches()) {
			return Optional.empty();
		}
		try {
			if (bare.indexOf(':') >= 0) {
				// A colon makes the JDK parse an IPv6 literal; it never resolves such a name.
				return Optional.of(InetAddress.getByName(bare));
			}
			String[] parts = bare.split("\\.", -1);
			if (parts.length != 4) {
				return Optional.empty();
			}
			byte[] raw = new byte[4];
			for (int i = 0; i < 4; i++) {
				if (parts[i].isEmpty() || parts[i].length() > 3) {
					return Optional.empty();
				}
				int octet = Integer.parseInt(parts[i]);
				if (octet > 255) {
					return Optional.empty();
				}
				raw[i] = (byte) octet;
			}
			return Optional.of(InetAddress.getByAddress(raw));
		}
		catch (UnknownHostException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static BigInteger mask(BigInteger address, int prefix, int bits) {
		return address.shiftRight(bits - prefix).shiftLeft(bits - prefix);
	}

	boolean contains(InetAddress address) {
		byte[] raw = address.getAddress();
		if (raw.length * 8 != this.bits) {
			return false;
		}
		return mask(new BigInteger(1, raw), this.prefixLength, this.bits).equals(this.network);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
