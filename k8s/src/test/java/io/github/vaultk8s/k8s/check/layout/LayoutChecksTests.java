package io.github.vaultk8s.k8s.check.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.vaultk8s.k8s.manifest.ManifestPaths;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All YAML under k8s/ parses and every kustomization reference resolves offline; seeded mistakes in a
 * fixture directory are reported.
 */
class LayoutChecksTests {

	@TempDir
	Path fixture;

	@Test
	void everyYamlFileParses() {
		assertThat(ManifestFiles.yamlFiles(ManifestPaths.k8sRoot())).hasSizeGreaterThan(20);
		assertThat(new YamlSyntaxCheck().check(ManifestPaths.k8sRoot())).isEmpty();
	}

	@Test
	void everyKustomizationReferenceResolvesOffline() {
		assertThat(ManifestFiles.kustomizationDirectories(ManifestPaths.k8sRoot())).hasSizeGreaterThan(10);
		assertThat(new KustomizationReferenceCheck().check(ManifestPaths.k8sRoot())).isEmpty();
	}

	@Test
	void brokenYamlIsReported() throws IOException {
		write("stage/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   namespace: y\n");
		assertThat(new YamlSyntaxCheck().check(this.fixture)).singleElement()
			.satisfies((violation) -> assertThat(violation.subject()).isEqualTo("stage/broken.yaml"));
	}

	@Test
	void resourceThatDoesNotExistIsReported() throws IOException {
		write("stage/kustomization.yaml", "resources:\n  - deployment.yaml\n  - servce.yaml\n");
		write("stage/deployment.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
		assertThat(new KustomizationReferenceCheck().check(this.fixture)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("'servce.yaml' does not resolve"));
	}

	@Test
	void remoteResourceIsReported() throws IOException {
		write("stage/kustomization.yaml",
				"resources:\n  - https://github.com/etcd-io/etcd-operator/releases/download/v0.2.0/install-v0.2.0.yaml\n");
		assertThat(new KustomizationReferenceCheck().check(this.fixture)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("is remote"));
	}

	@Test
	void missingPatchFileIsReported() throws IOException {
		write("stage/kustomization.yaml", "resources:\n  - cm.yaml\npatches:\n  - path: cm-patch.yaml\n");
		write("stage/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
		assertThat(new KustomizationReferenceCheck().check(this.fixture)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("'cm-patch.yaml' does not resolve to a file"));
	}

	@Test
	void componentListedAsResourceIsReported() throws IOException {
		write("stage/kustomization.yaml", "resources:\n  - ../extra\n");
		write("extra/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n");
		assertThat(new KustomizationReferenceCheck().check(this.fixture)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("is a Component: list it under components"));
	}

	@Test
	void missingComponentIsReported() throws IOException {
		write("stage/kustomization.yaml", "components:\n  - ../monitoring\n");
		assertThat(new KustomizationReferenceCheck().check(this.fixture)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("does not resolve to a component directory"));
	}

	private void write(String relative, String content) throws IOException {
		Path file = this.fixture.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
