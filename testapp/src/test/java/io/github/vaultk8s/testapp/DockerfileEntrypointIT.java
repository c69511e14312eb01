package io.github.vaultk8s.testapp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.vaultk8s.test.EmbeddedVault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code docker build} and {@code docker run} would do, without a Docker engine: reads the
 * repository's Dockerfile, performs its layered extraction of {@code target/testapp.jar}, copies the
 * layers in its order, and starts the app with exactly its {@code ENTRYPOINT} (and {@code ENV}) from its
 * {@code WORKDIR} against a Vault stand-in, until readiness is UP. Runs in {@code mvn verify}, after
 * {@code package}.
 */
class DockerfileEntrypointIT {

	private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?$");

	private static final Pattern COPY_FROM = Pattern.compile("(?i)^COPY\\s+--from=(\\S+)\\s+(\\S+)\\s+(\\S+)$");

	private static final Pattern EXTRACT = Pattern
		.compile("java\\s+-Djarmode=tools\\s+-jar\\s+(\\S+)\\s+(extract\\b[^&;]*)");

	@Test
	void appStartsFromTheExtractedLayersWithTheDockerfileEntrypoint(@TempDir Path work) throws Exception {
		Dockerfile dockerfile = Dockerfile.read(Path.of(System.getProperty("testapp.dockerfile", "../Dockerfile")));
		Path jar = Path.of(System.getProperty("testapp.jar", "target/testapp.jar"));
		assertThat(jar).exists();

		assertThat(dockerfile.baseImages()).hasSize(2).allSatisfy((image) -> {
			assertThat(image).as("base images are pinned to an exact version").matches(".+:[0-9][^:]*")
				.doesNotContain(":latest");
		});
		assertThat(dockerfile.user()).as("runs as a numeric non-root user").matches("[1-9][0-9]*(:[0-9]+)?");
		assertThat(dockerfile.entrypoint()).first().isEqualTo("java");
		assertThat(dockerfile.entrypoint()).anyMatch((arg) -> arg.startsWith("-XX:MaxRAMPercentage="));

		Path extracted = work.resolve("extracted");
		List<String> extract = new ArrayList<>(List.of(javaBinary(), "-Djarmode=tools", "-jar", jar.toString()));
		extract.addAll(dockerfile.extractArguments(extracted));
		assertThat(run(extract, work, work.resolve("extract.log"))).as("extraction exit code").isZero();

		Path app = work.resolve("app");
		Files.createDirectories(app);
		assertThat(dockerfile.layers()).as("layers are copied in order")
			.containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
		for (String layer : dockerfile.layers()) {
			copyTree(extracted.resolve(layer), app);
		}

		Path tokenFile = work.resolve("serviceaccount/token");
		try (EmbeddedVault vault = EmbeddedVault.builder().serviceAccountTokenFile(tokenFile).start()) {
			int port = freePort();
			List<String> command = new ArrayList<>(dockerfile.entrypoint());
			command.set(0, javaBinary());
			ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
				.redirectErrorStream(true)
				.redirectOutput(work.resolve("app.log").toFile());
			builder.environment().putAll(dockerfile.env());
			builder.environment().put("SERVER_PORT", Integer.toString(port));
			builder.environment().put("SPRING_CLOUD_VAULT_URI", vault.uri().toString());
			builder.environment().put("SPRING_CLOUD_VAULT_KUBERNETES_SERVICE_ACCOUNT_TOKEN_FILE", tokenFile.toString());
			Process process = builder.start();
			try {
				HttpClient http = HttpClient.newHttpClient();
				URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
				await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
					assertThat(process.isAlive()).as("app process alive; see " + work.resolve("app.log")).isTrue();
					String body = http.send(HttpRequest.newBuilder(readiness).build(), BodyHandlers.ofString()).body();
					assertThat(body).contains("\"status\":\"UP\"");
				});
				HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/secrets/image/check"))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString("{\"ok\":true}"))
					.build();
				assertThat(http.send(put, BodyHandlers.discarding()).statusCode()).isEqualTo(201);
			}
			finally {
				process.destroy();
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
				Files.copy(work.resolve("app.log"), Path.of("target", "dockerfile-entrypoint-it-app.log"),
						StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int run(List<String> command, Path directory, Path log) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}

	private static void copyTree(Path from, Path to) throws IOException {
		if (!Files.isDirectory(from)) {
			// Layers can be empty (no snapshot dependencies) and are then not created.
			return;
		}
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path source : (Iterable<Path>) paths::iterator) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The parts of the Dockerfile this test acts on; the final stage is the runtime image. */
	private record Dockerfile(List<String> baseImages, String extractCommand, String extractedRoot,
			List<String> layers, Map<String, String> env, String user, List<String> entrypoint) {

		static Dockerfile read(Path path) throws IOException {
			List<String> instructions = instructions(Files.readAllLines(path));
			List<String> baseImages = new ArrayList<>();
			String extract = null;
			String extractedRoot = null;
			List<String> layerSources = new ArrayList<>();
			Map<String, String> env = new LinkedHashMap<>();
			String user = null;
			List<String> entrypoint = null;
			for (String instruction : instructions) {
				Matcher from = FROM.matcher(instruction);
				if (from.matches()) {
					baseImages.add(from.group(1));
					layerSources.clear();
					env.clear();
					user = null;
					entrypoint = null;
					continue;
				}
				Matcher extractMatcher = EXTRACT.matcher(instruction);
				if (instruction.regionMatches(true, 0, "RUN", 0, 3) && extractMatcher.find()) {
					extract = extractMatcher.group(2).trim();
				}
				Matcher copy = COPY_FROM.matcher(instruction);
				if (copy.matches()) {
					layerSources.add(copy.group(2));
				}
				else if (instruction.regionMatches(true, 0, "ENV ", 0, 4)) {
					String[] pair = instruction.substring(4).trim().split("[= ]", 2);
					env.put(pair[0], pair[1].trim().replaceAll("^\"|\"$", ""));
				}
				else if (instruction.regionMatches(true, 0, "USER ", 0, 5)) {
					user = instruction.substring(5).trim();
				}
				else if (instruction.regionMatches(true, 0, "ENTRYPOINT ", 0, 11)) {
					entrypoint = JsonMapper.builder().build().readValue(instruction.substring(11).trim(),
							new TypeReference<List<String>>() {
							});
				}
			}
			assertThat(extract).as("a RUN with java -Djarmode=tools -jar ... extract").isNotNull();
			Matcher destination = Pattern.compile("--destination\\s+(\\S+)").matcher(extract);
			assertThat(destination.find()).as("extract --destination").isTrue();
			extractedRoot = destination.group(1).replaceAll("/$", "");
			List<String> layers = new ArrayList<>();
			for (String source : layerSources) {
				assertThat(source).as("layer copied from the extraction").startsWith(extractedRoot + "/");
				layers.add(source.substring(extractedRoot.length() + 1).replaceAll("/$", ""));
			}
			assertThat(entrypoint).as("ENTRYPOINT in exec form").isNotNull();
			return new Dockerfile(baseImages, extract, extractedRoot, layers, env, user, entrypoint);
		}

		/** The extract command's arguments, with the destination moved to {@code destination}. */
		List<String> extractArguments(Path destination) {
			List<String> arguments = new ArrayList<>(List.of(this.extractCommand.split("\\s+")));
			int index = arguments.indexOf("--destination");
			arguments.set(index + 1, destination.toString());
			return arguments;
		}

		/** Instructions with line continuations joined and comments dropped. */
		private static List<String> instructions(List<String> lines) {
			List<String> instructions = new ArrayList<>();
			StringBuilder current = new StringBuilder();
			for (String line : lines) {
				String trimmed = line.trim();
				if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
					continue;
				}
				boolean continues = trimmed.endsWith("\\");
				current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
				if (!continues) {
					instructions.add(current.toString().trim().replaceAll("\\s+", " "));
					current.setLength(0);
				}
			}
			return instructions;
		}

	}

}
