package io.github.vaultk8s.k8s.check;

import java.util.ArrayList;
import java.util.List;

import io.github.vaultk8s.k8s.manifest.ManifestObject;

/**
 * Collects the violations of one check run.
 */
public final class Violations {

	private final String check;

	private final List<Violation> found = new ArrayList<>();

	public Violations(String check) {
		this.check = check;
	}

	public void add(ManifestObject subject, String message) {
		add(subject.id(), message);
	}

	public void add(String subject, String message) {
		this.found.add(new Violation(this.check, subject, message));
	}

	public List<Violation> list() {
		return List.copyOf(this.found);
	}

}
