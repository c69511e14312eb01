package io.github.vaultk8s.k8s.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.vaultk8s.k8s.check.layout.ManifestFiles;
import io.github.vaultk8s.k8s.manifest.DeploymentPlan;
import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestPaths;
import io.github.vaultk8s.k8s.manifest.Manifests;
import io.github.vaultk8s.k8s.manifest.YamlDocuments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every kustomization renders, in the JVM always and with {@code kubectl kustomize} where kubectl is
 * installed, and both give the same objects (which is what makes the JVM renderer trustworthy for the
 * other checks). The renderer fails where kustomize fails.
 */
class KustomizationRenderingTests {

	private final KustomizeRenderer renderer = new KustomizeRenderer();

	@TempDir
	Path fixture;

	static Stream<String> kustomizations() {
		Path root = ManifestPaths.k8sRoot();
		return ManifestFiles.kustomizationDirectories(root)
			.stream()
			.filter((directory) -> !Kustomization.read(directory).isComponent())
			.map((directory) -> root.relativize(directory).toString());
	}

	@ParameterizedTest
	@MethodSource("kustomizations")
	void rendersInTheJvm(String kustomization) {
		assertThat(this.renderer.render(ManifestPaths.k8sRoot().resolve(kustomization)).all()).isNotEmpty();
	}

	@ParameterizedTest
	@MethodSource("kustomizations")
	void rendersWithKubectlAsInTheJvm(String kustomization) throws IOException {
		assumeTrue(Kubectl.isAvailable(), "kubectl not installed: kubectl kustomize rendering not checked");
		Path directory = ManifestPaths.k8sRoot().resolve(kustomization);
		Kubectl.Result result = Kubectl.kustomize(directory);
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(byId(YamlDocuments.parse(result.stdout()))).isEqualTo(byId(this.renderer.render(directory)));
	}

	@ParameterizedTest
	@MethodSource("kustomizations")
	void isPartOfADeploymentPlan(String kustomization) {
		assertThat(Arrays.stream(DeploymentPlan.values()).flatMap((plan) -> plan.stages().stream()))
			.as("every kustomization is applied (and so checked) by some deployment plan")
			.contains(kustomization);
	}

	@Test
	void kubectlReportsABrokenKustomization() throws IOException {
		assumeTrue(Kubectl.isAvailable(), "kubectl not installed: kubectl kustomize rendering not checked");
		write("kustomization.yaml", "resources:\n  - missing.yaml\n");
		assertThat(Kubectl.kustomize(this.fixture).exitCode()).isNotZero();
	}

	@Test
	void componentsPatchesDeletionsAndImagesApplyInOrder() throws IOException {
		write("base/kustomization.yaml", "resources:\n  - app.yaml\n  - extra.yaml\n");
		write("base/app.yaml", """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: app
				spec:
				  template:
				    spec:
				      containers:
				        - name: app
				          image: example/app:1.0.0
				""");
		write("base/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: b\n");
		write("component/kustomization.yaml", """
				apiVersion: kustomize.config.k8s.io/v1alpha1
				kind: Component
				patches:
				  - path: delete-extra.yaml
				""");
		write("component/delete-extra.yaml", "$patch: delete\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");
		write("overlay/kustomization.yaml", """
				resources:
				  - ../base
				components:
				  - ../component
				patches:
				  - path: replicas.yaml
				images:
				  - name: example/app
				    newName: registry.example/app
				    newTag: 2.0.0
				""");
		write("overlay/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 3\n");
		Manifests rendered = this.renderer.render(this.fixture.resolve("overlay"));
		assertThat(rendered.all()).singleElement().satisfies((deployment) -> {
			assertThat(deployment.at("spec", "replicas")).isEqualTo(3);
			assertThat(deployment.at("spec", "template", "spec", "containers", 0, "image")).isEqualTo("registry.example/app:2.0.0");
		});
		if (Kubectl.isAvailable()) {
			assertThat(byId(YamlDocuments.parse(Kubectl.kustomize(this.fixture.resolve("overlay")).stdout()))).isEqualTo(byId(rendered));
		}
	}

	@Test
	void patchMatchingNothingFails() throws IOException {
		write("kustomization.yaml", "resources:\n  - cm.yaml\npatches:\n  - path: patch.yaml\n");
		write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n");
		write("patch.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\ndata:\n  a: b\n");
		assertThatIllegalStateException().isThrownBy(() -> this.renderer.render(this.fixture))
			.withMessageContaining("patch matches no object");
	}

	@Test
	void duplicateObjectsFail() throws IOException {
		write("kustomization.yaml", "resources:\n  - a.yaml\n  - b.yaml\n");
		write("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n");
		write("b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n");
		assertThatIllegalStateException().isThrownBy(() -> this.renderer.render(this.fixture))
			.withMessageContaining("Duplicate object ConfigMap same");
	}

	@Test
	void unsupportedFieldFailsInsteadOfBeingIgnored() throws IOException {
		write("kustomization.yaml", "namePrefix: dev-\nresources:\n  - a.yaml\n");
		write("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
		assertThatThrownBy(() -> this.renderer.render(this.fixture)).isInstanceOf(UnsupportedOperationException.class)
			.hasMessageContaining("namePrefix");
	}

	private void write(String relative, String content) throws IOException {
		Path file = this.fixture.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private static Map<String, Map<String, Object>> byId(Manifests manifests) {
		Map<String, Map<String, Object>> byId = new TreeMap<>();
		manifests.all().forEach((object) -> byId.put(object.group() + " " + object.id(), object.content()));
		return byId;
	}

	private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> documents) {
		return byId(new Manifests(documents.stream().map((content) -> new ManifestObject(content, "kubectl")).toList()));
	}

}
