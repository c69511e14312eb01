package io.github.vaultk8s.k8s.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code kubectl} binary, when installed: {@code kubectl kustomize} renders offline. The system
 * property {@code kubectl.binary} names another binary (e.g. a missing one, to run the suite as CI
 * without kubectl would).
 */
public final class Kubectl {

	private static final long TIMEOUT_SECONDS = 60;

	private static final String BINARY = System.getProperty("kubectl.binary", "kubectl");

	private static Boolean available;

	private Kubectl() {
	}

	public static synchronized boolean isAvailable() {
		if (available == null) {
			try {
				available = run(List.of(BINARY, "version", "--client")).exitCode() == 0;
			}
			catch (IOException | IllegalStateException ex) {
				available = false;
			}
		}
		return available;
	}

	/** {@code kubectl kustomize <directory>}; the result carries stdout, or stderr on failure. */
	public static Result kustomize(Path directory) throws IOException {
		return run(List.of(BINARY, "kustomize", directory.toString()));
	}

	private static Result run(List<String> command) throws IOException {
		Path stdout = Files.createTempFile("kubectl", ".out");
		Path stderr = Files.createTempFile("kubectl", ".err");
		try {
			Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile())
				.start();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
			}
			return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			Files.deleteIfExists(stdout);
			Files.deleteIfExists(stderr);
		}
	}

	/**
	 * What a kubectl run produced.
	 *
	 * @param exitCode the process exit code
	 * @param stdout standard output
	 * @param stderr standard error
	 */
	public record Result(int exitCode, String stdout, String stderr) {
	}

}
