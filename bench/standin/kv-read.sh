#!/usr/bin/env bash
# KV v2 read throughput of the stand-in: starts vault-dev-server.jar, writes one secret, reads it with
# bench/LoadGenerator.java, prints a markdown table and saves it under bench/results/.
# Env: PORT (default: a free one), CONCURRENCY (16), DURATION (10s), WARMUP (5s), JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=vault-k8s-auth-test/target/vault-dev-server.jar
if [ ! -f "$jar" ]; then
	mvn -B -q -pl vault-k8s-auth-test -am -DskipTests package
fi
port=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
concurrency=${CONCURRENCY:-16}
duration=${DURATION:-10s}
warmup=${WARMUP:-5s}
log=$(mktemp)

# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$jar" --listen="127.0.0.1:$port" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 120); do
	grep -q "listening on http://127.0.0.1:$port" "$log" && break
	kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
	sleep 0.5
done
grep -q "listening on" "$log" || { echo "vault-dev-server did not start" >&2; cat "$log" >&2; exit 1; }

url="http://127.0.0.1:$port/v1/secret/data/testapp/bench"
java bench/LoadGenerator.java --url "$url" --method PUT --header X-Vault-Token:root \
	--body '{"data":{"username":"app","password":"not-a-real-one","url":"jdbc:postgresql://db:5432/app"}}' \
	--requests 1 --label seed >/dev/null

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
ticks_before=$(cpu_ticks)
table=$(java bench/LoadGenerator.java --url "$url" --header X-Vault-Token:root --concurrency "$concurrency" \
	--duration "$duration" --warmup "$warmup" --label "stand-in KV v2 read (GET secret/data/testapp/bench)" --markdown)
ticks_after=$(cpu_ticks)
sent=$(echo "$table" | tail -1 | awk -F'|' '{gsub(/ /, "", $12); print $12}')
hz=$(getconf CLK_TCK)
server_us=$(( (ticks_after - ticks_before) * 1000000 / hz / (sent > 0 ? sent : 1) ))

mkdir -p bench/results
out="bench/results/standin-kv-read-$(date -u +%Y%m%dT%H%M%SZ).md"
{
	echo "# Stand-in KV v2 read throughput"
	echo
	echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "Client and server on the same machine; root token; concurrency $concurrency, warm-up $warmup, measured $duration."
	echo
	echo "$table"
	echo
	echo "Server CPU per request (user+system, warm-up included): ${server_us} µs, i.e. about $(( server_us > 0 ? 1000000 / server_us : 0 )) requests/s per fully available core."
} >"$out"
cat "$out"
echo
echo "saved to $out"
