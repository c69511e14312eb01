package io.github.vaultk8s.bench;

import java.util.List;

/** The two ways the same packaged app runs: with the starter, and on plain Spring Cloud Vault. */
enum Variant {

	STARTER("starter", List.of()),

	// testapp's application.yaml lists the starter's vaultSession indicator in the readiness group, which does not
	// exist with the starter off (startup fails: "Included health contributor 'vaultSession' ... does not exist")
	PLAIN("plain SCV", List.of("--vault.k8s-auth.enabled=false",
			"--management.endpoint.health.group.readiness.include=readinessState,vault"));

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
