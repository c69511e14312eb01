#!/usr/bin/env bash
# Fault drills R1–R5 (see bench/README.md) under a steady request loop against the packaged testapp, run at
# the same time with the starter and with the starter switched off (plain Spring Cloud Vault).
#
#   bench/drills.sh              full run: 30 s outages, ~6 min
#   bench/drills.sh --quick      8 s outages, shorter observation, ~3 min
#   options: --only=R1,R3  --outage=30s --observe=25s --workers=4 --pause-ms=50
#            --r4-ttl=10s --r4-max-ttl=24s --app-args="--some.property=value"
#
# Prints a markdown table and saves it as bench/results/<date>-drills.md. Logs: bench/target/logs/drills/.
source "$(dirname "$0")/common.sh"
bench_prepare
flags="$(bench_jvm_flags)"
bench_log "app JVM flags: ${flags:-<none found in Dockerfile>}"
bench_run_tool Drills --jvm-flags="$flags" "$@"
