package io.github.vaultk8s.k8s.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.vaultk8s.k8s.manifest.ManifestPaths;
import io.github.vaultk8s.k8s.render.Kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy.sh parses, runs strict, applies the stages in order with their waits, and its offline
 * {@code render} command resolves every overlay and storage variant.
 */
class DeployScriptTests {

	private static String script;

	@BeforeAll
	static void readScript() throws IOException {
		script = Files.readString(deployScript());
	}

	@Test
	void isStrictAndSyntacticallyValid() throws Exception {
		assertThat(script).startsWith("#!/usr/bin/env bash").contains("\nset -euo pipefail\n");
		assertThat(Files.isExecutable(deployScript())).isTrue();
		assumeTrue(bashAvailable(), "bash not installed: syntax not checked");
		assertThat(run("bash", "-n", deployScript().toString()).exitCode).isZero();
	}

	@Test
	void upAppliesTheStagesInOrderWithTheirWaits() {
		String up = script.substring(script.indexOf("\nup() {"), script.indexOf("\n}", script.indexOf("\nup() {")));
		assertThat(up).containsSubsequence("apply_stage 00-namespaces", "install_operators", "apply_stage 02-clusters",
				"wait_for_clusters", "wait_for_vault_config", "apply_stage 04-testapp", "rollout status deployment/testapp",
				"run_smoke_test");
		assertThat(script).contains("--for=condition=Established --timeout=\"${TIMEOUT}s\" crd/etcdclusters.operator.etcd.io")
			.contains("--for=condition=Established --timeout=\"${TIMEOUT}s\" crd/vaults.vault.banzaicloud.com")
			.contains("rollout status \"deployment/$ETCD_OPERATOR_DEPLOYMENT\"")
			.contains("statefulset_ready vault vault 3")
			.contains("rollout status deployment/vault-configurer");
	}

	@Test
	void hasATeardownThatKeepsTheDefaultNamespace() {
		String teardown = script.substring(script.indexOf("\nteardown() {"));
		assertThat(teardown).contains("kubectl delete namespace vault vault-etcd").doesNotContain("namespace default --");
	}

	@ParameterizedTest
	@CsvSource({ "'', etcd", "'', raft", "'', oci-kms", "oke, etcd", "monitoring, etcd" })
	void rendersEveryVariantOffline(String overlay, String storage) throws Exception {
		assumeTrue(bashAvailable() && Kubectl.isAvailable(), "bash or kubectl not installed: deploy.sh render not run");
		List<String> command = new ArrayList<>(List.of(deployScript().toString(), "-s", storage));
		if (!overlay.isEmpty()) {
			command.addAll(List.of("-o", overlay));
		}
		command.add("render");
		Result result = run(command.toArray(String[]::new));
		assertThat(result.exitCode).as(result.output).isZero();
		assertThat(result.output).contains("kind: Vault", "kind: Deployment", "kind: Job", "kind: Namespace");
	}

	@Test
	void rejectsAnUnknownOverlay() throws Exception {
		assumeTrue(bashAvailable(), "bash not installed: deploy.sh not run");
		Result result = run(deployScript().toString(), "-o", "staging", "render");
		assertThat(result.exitCode).isNotZero();
		assertThat(result.output).contains("unknown overlay 'staging'");
	}

	private static Path deployScript() {
		return ManifestPaths.k8sRoot().resolve("deploy.sh");
	}

	private static boolean bashAvailable() {
		return Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash"));
	}

	private static Result run(String... command) throws IOException, InterruptedException {
		Path output = Files.createTempFile("deploy", ".out");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private record Result(int exitCode, String output) {
	}

}
