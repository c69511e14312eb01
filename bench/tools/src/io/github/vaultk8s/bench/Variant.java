package io.github.vaultk8s.bench;

import java.util.List;

/** The two ways the same packaged app runs: with the starter, and on plain Spring Cloud Vault. */
enum Variant {

	STARTER("starter", List.of()),

	PLAIN("plain SCV", List.of("--vault.k8s-auth.enabled=false"));

	private final String label;

	private final List<String> args;

	Variant(String label, List<String> args) {
		this.label = label;
		this.args = args;
	}

	String label() {
		return this.label;
	}

	List<String> args() {
		return this.args;
	}

}
