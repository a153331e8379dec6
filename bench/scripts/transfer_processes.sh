#!/usr/bin/env bash
# Issue 19, transfer: a 100 MB float32 raster through ServerInfo.RoundTrip (the server echoes it byte for byte) with
# the server in its own process, once from the .NET client (GisBridge.Bench transfer) and once from the plugin's
# Python client (grpcio, bench/transfer_client.py). Prints key=value figures: GB/s up and down (best run), CPU
# seconds per round trip of the server and of each client (less sensitive to a loaded machine than wall time), and
# the server's resident memory before and after a header claiming 2 GiB followed by nothing.
# Usage: bench/scripts/transfer_processes.sh [--quick]   (build first: dotnet build bench/GisBridge.Bench -c Release)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVER_DLL="$ROOT/src/Server/bin/Release/net10.0/GisBridge.Server.dll"
BENCH_DLL="$ROOT/bench/GisBridge.Bench/bin/Release/net10.0/GisBridge.Bench.dll"
MB=100; REPEAT=${TRANSFER_REPEAT:-6}; CHUNK_MB=${TRANSFER_CHUNK_MB:-1}
[ "${1:-}" = "--quick" ] && { MB=20; REPEAT=3; }
LOG="$(mktemp)"
# Started by the launcher, so with the process environment users get (the launcher execs dotnet: same PID).
[ -f "$SERVER_DLL" ] || { echo "no $SERVER_DLL (./gisbridge demo builds it)" >&2; exit 1; }
"$ROOT/gisbridge" serve --port 0 > "$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 300); do grep -q 'listening on' "$LOG" && break; sleep 0.1; done
URL="$(grep -o 'http://[0-9.:]*' "$LOG" | head -1)"
[ -n "$URL" ] || { cat "$LOG" >&2; exit 1; }

cpu_s() { awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) / t}' "/proc/$SERVER/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER/status"; }

echo "transfer_load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
# One small round trip first, so that the server's CPU figures below do not include its JIT warm-up.
dotnet "$BENCH_DLL" transfer --address "$URL" --mb 4 --repeat 1 > /dev/null 2>&1
before=$(cpu_s)
dotnet "$BENCH_DLL" transfer --address "$URL" --mb "$MB" --repeat "$REPEAT" --chunk-mb "$CHUNK_MB"
echo "transfer_server_cpu_s_per_roundtrip=$(awk -v a="$before" -v b="$(cpu_s)" -v n="$REPEAT" 'BEGIN {printf "%.3f", (b - a) / n}')"
before=$(cpu_s)
/usr/bin/python3 "$ROOT/bench/transfer_client.py" "${URL#http://}" --mb "$MB" --repeat "$REPEAT" --chunk-mb "$CHUNK_MB"
echo "py_transfer_server_cpu_s_per_roundtrip=$(awk -v a="$before" -v b="$(cpu_s)" -v n="$REPEAT" 'BEGIN {printf "%.3f", (b - a) / n}')"

# Memory follows the data: let the server return the round trips' memory (it reclaims after 2 s idle), then send
# a 2 GiB header and nothing else.
sleep 4
echo "header_only_rss_before_mb=$(rss_mb)"
/usr/bin/python3 "$ROOT/bench/transfer_client.py" "${URL#http://}" --header-only
echo "header_only_rss_after_mb=$(rss_mb)"
echo "transfer_load_average_end=$(cut -d' ' -f1-3 /proc/loadavg)"
