package io.github.vaultk8s.test.kubernetes;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link CidrBlock}: parsing without DNS, and matching addresses. */
class CidrBlockTests {

	@Test
	void blockContainsItsAddressesOnly() throws Exception {
		CidrBlock block = CidrBlock.parse("10.1.0.0/16");
		assertThat(block.contains(InetAddress.getByName("10.1.255.3"))).isTrue();
		assertThat(block.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
		assertThat(block.contains(InetAddress.getByName("::1"))).isFalse();
	}

	@Test
	void singleAddressMatchesItselfAndPrintsWithoutPrefix() throws Exception {
		CidrBlock single = CidrBlock.parse("192.168.1.7");
		assertThat(single.contains(InetAddress.getByName("192.168.1.7"))).isTrue();
		assertThat(single.contains(InetAddress.getByName("192.168.1.8"))).isFalse();
		assertThat(single).hasToString("192.168.1.7");
		assertThat(CidrBlock.parse("192.168.1.7/32")).hasToString("192.168.1.7");
		assertThat(CidrBlock.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
	}

	@Test
	void ipv6BlocksMatchIpv6Addresses() throws Exception {
		CidrBlock block = CidrBlock.parse("fd00::/8");
		assertThat(block.contains(InetAddress.getByName("fd12:3456::1"))).isTrue();
		assertThat(block.contains(InetAddress.getByName("fe80::1"))).isFalse();
		assertThat(block.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
	}

	@Test
	void zeroPrefixMatchesEverythingOfItsFamily() throws Exception {
		assertThat(CidrBlock.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "example.com", "localhost", "10.0.0.0/33", "10.0.0/8", "256.1.1.1", "10.0.0.1/x", "",
			"1.2.3.4.5", "::1/129" })
	void nonLiteralsAndBadPrefixesAreRefused(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrBlock.parse(text))
			.withMessageStartingWith("error parsing address \"" + text + "\"");
	}

}
