package io.github.vaultk8s.k8s.smoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.vaultk8s.k8s.manifest.ManifestObject;
import io.github.vaultk8s.k8s.manifest.ManifestObject.Trees;
import io.github.vaultk8s.k8s.manifest.ManifestPaths;
import io.github.vaultk8s.k8s.manifest.Manifests;
import io.github.vaultk8s.k8s.render.KustomizeRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The smoke Job's script, taken from the rendered Job and run with sh and curl (as in its curl image)
 * against a stand-in of the app: it passes against a correct app and fails loudly on every mismatch.
 */
class SmokeJobScriptTests {

	private String script;

	@BeforeEach
	void extractScript() {
		assumeTrue(Files.isExecutable(Path.of("/bin/sh")) && onPath("curl"), "sh or curl not installed: smoke script not run");
		Manifests rendered = new KustomizeRenderer().render(ManifestPaths.k8sRoot().resolve("05-smoke"));
		ManifestObject job = rendered.get("Job", "testapp-smoke");
		this.script = String.valueOf(Trees.list(job.at("spec", "template", "spec", "containers", 0, "args")).get(0));
	}

	@Test
	void passesAgainstACorrectApp() throws Exception {
		try (FakeSecretsApi app = new FakeSecretsApi()) {
			Result result = runAgainst(app);
			assertThat(result.exitCode).as(result.output).isZero();
			assertThat(result.output).contains("value matches", "GET after DELETE", ": 410", "SMOKE PASSED");
		}
	}

	@Test
	void failsWhenTheValueReadBackDiffers() throws Exception {
		try (FakeSecretsApi app = new FakeSecretsApi()) {
			app.corruptReads((json) -> json.replaceAll("\"smoke\":\"[^\"]*\"", "\"smoke\":\"something else\""));
			Result result = runAgainst(app);
			assertThat(result.exitCode).isNotZero();
			assertThat(result.output).contains("SMOKE FAILED", "value read back differs").doesNotContain("SMOKE PASSED");
		}
	}

	@Test
	void failsWhenTheWriteIsRefused() throws Exception {
		try (FakeSecretsApi app = new FakeSecretsApi()) {
			app.failWrites(403);
			Result result = runAgainst(app);
			assertThat(result.exitCode).isNotZero();
			assertThat(result.output).contains("SMOKE FAILED", "answered 403");
		}
	}

	@Test
	void failsWhenTheAppIsUnreachable() throws Exception {
		FakeSecretsApi app = new FakeSecretsApi();
		app.close();
		Result result = runAgainst(app);
		assertThat(result.exitCode).isNotZero();
		assertThat(result.output).contains("SMOKE FAILED", "answered 000");
	}

	@Test
	void neverPrintsTheSecretValue() throws Exception {
		try (FakeSecretsApi app = new FakeSecretsApi()) {
			Result result = runAgainst(app);
			assertThat(result.output).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		}
	}

	private Result runAgainst(FakeSecretsApi app) throws IOException, InterruptedException {
		Path output = Files.createTempFile("smoke", ".out");
		try {
			ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", this.script)).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().put("APP_URL", app.url());
			Process process = builder.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("smoke script did not finish in 60 s");
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		return path != null && List.of(path.split(":")).stream().anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

	private record Result(int exitCode, String output) {
	}

}
