# Sourced by bench/run.sh and bench/drills.sh: builds what is missing, compiles the bench tools, finds the
# Dockerfile's JVM flags, and makes sure every process the run starts is stopped when it ends.
# Needs only a JDK 17+ and Maven (the same as the build); installs nothing.

set -euo pipefail
BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$BENCH_ROOT"

bench_log() { printf '[bench %s] %s\n' "$(date -u +%T)" "$*" >&2; }

bench_prepare() {
	command -v java >/dev/null || { echo "bench: a JDK 17+ is needed (java not found)" >&2; exit 2; }
	command -v javac >/dev/null || { echo "bench: a JDK 17+ is needed (javac not found)" >&2; exit 2; }
	if [ ! -f vault-k8s-auth-test/target/vault-dev-server.jar ] || [ ! -f testapp/target/testapp.jar ]; then
		bench_log "building vault-dev-server.jar and testapp.jar (mvn package, tests skipped)"
		mvn -B -q -DskipTests -pl vault-k8s-auth-test,testapp -am package
	fi
	mkdir -p bench/target/classes bench/target/logs
	bench_log "compiling the bench tools"
	javac -nowarn -d bench/target/classes $(find bench/tools/src -name '*.java')
	if [ -f bench/LoadGenerator.java ]; then
		mkdir -p bench/target/loadgen
		javac -nowarn -d bench/target/loadgen bench/LoadGenerator.java
	fi
	BENCH_PID_FILE="$BENCH_ROOT/bench/target/pids.$$"
	: > "$BENCH_PID_FILE"
	export BENCH_PID_FILE
	BENCH_CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
	export BENCH_CLK_TCK
	trap bench_cleanup EXIT INT TERM
}

# The JVM flags of the Dockerfile's runtime image (-XX/-Xm/-Xss flags in its ENV, ENTRYPOINT and CMD lines),
# so P6 measures what the container runs, plus -XX:MaxRAM=<the pod's memory limit> (BENCH_CONTAINER_MEMORY,
# default 512m as in k8s/04-testapp/deployment.yaml) so heap ergonomics see the pod's memory, not this box's.
# BENCH_JVM_FLAGS replaces all of it.
bench_jvm_flags() {
	if [ -n "${BENCH_JVM_FLAGS:-}" ]; then
		printf '%s' "$BENCH_JVM_FLAGS"
		return
	fi
	local flags=""
	if [ -f Dockerfile ]; then
		# join continuation lines, keep JVM flags from ENV/ENTRYPOINT/CMD lines, drop quotes and commas
		flags="$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' Dockerfile \
			| grep -E '^[[:space:]]*(ENV|ENTRYPOINT|CMD)' \
			| grep -oE '(-XX:[^ ",]+|-Xm[sx][^ ",]+|-Xss[^ ",]+)' \
			| sort -u | tr '\n' ' ' | sed 's/ $//' || true)"
	fi
	case "$flags" in
		*-XX:MaxRAM=*) ;;
		*) flags="${flags:+$flags }-XX:MaxRAM=${BENCH_CONTAINER_MEMORY:-512m}" ;;
	esac
	printf '%s' "$flags"
}

bench_cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [ -n "${BENCH_JAVA_PID:-}" ] && kill -0 "$BENCH_JAVA_PID" 2>/dev/null; then
		kill "$BENCH_JAVA_PID" 2>/dev/null || true
		for _ in $(seq 1 50); do kill -0 "$BENCH_JAVA_PID" 2>/dev/null || break; sleep 0.2; done
		kill -9 "$BENCH_JAVA_PID" 2>/dev/null || true
	fi
	# children the tool started, by the ids it recorded (its own shutdown hook normally stopped them)
	if [ -n "${BENCH_PID_FILE:-}" ] && [ -f "$BENCH_PID_FILE" ]; then
		while read -r pid; do
			[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
		done < "$BENCH_PID_FILE"
		rm -f "$BENCH_PID_FILE"
	fi
	exit "$rc"
}

# Runs a bench tool main class in the background (so the trap can stop it) and waits for it.
bench_run_tool() {
	local main="$1"
	shift
	java -cp bench/target/classes "io.github.vaultk8s.bench.$main" --root="$BENCH_ROOT" "$@" &
	BENCH_JAVA_PID=$!
	wait "$BENCH_JAVA_PID"
}
