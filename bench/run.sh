#!/usr/bin/env bash
# Benchmarks P1–P6 (see bench/README.md): the packaged testapp with the starter, side by side with the same
# app on plain Spring Cloud Vault, against the standalone vault-dev-server.jar, all on loopback.
#
#   bench/run.sh                 full run (5 runs per figure, 60 s idle window), ~17 min on 2 cores
#   bench/run.sh --quick         3 runs, 3 s load runs, 30 s idle window
#   options: --runs=N --duration=5s --warmup=2s --app-warmup=60s --idle=60s --idle-token-ttl=30s --no-probes
#            --sections=startup,load,idle (a subset)
#   bench/run.sh --experiment=vault-pool --sections=load
#                                the same app with a bigger Vault HTTP client pool added from outside the
#                                jar (bench/experiments/vault-pool), saved as <date>-perf-vault-pool.md
#
# Prints a markdown table and saves it as bench/results/<date>-perf.md. Logs: bench/target/logs/perf/.
source "$(dirname "$0")/common.sh"
bench_prepare

args=()
experiment=""
for arg in "$@"; do
	case "$arg" in
		--quick) args+=(--runs=3 --duration=3s --warmup=1s --app-warmup=10s --idle=30s) ;;
		--experiment=*) experiment="${arg#--experiment=}" ;;
		*) args+=("$arg") ;;
	esac
done
flags="$(bench_jvm_flags)"
if [ -n "$experiment" ]; then
	jar="$(bench/experiments/"$experiment"/build.sh)"
	flags="$flags -Dloader.path=$BENCH_ROOT/$jar"
	args+=(--save-as="perf-$experiment")
fi
bench_log "app JVM flags: ${flags:-<none found in Dockerfile>}"
bench_run_tool Perf --jvm-flags="$flags" "${args[@]}"
