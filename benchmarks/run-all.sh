#!/usr/bin/env bash
# Runs the full benchmark set with the method of RESULTS.md ("Method") and regenerates the
# RESULTS.md tables and benchmarks/results/*.svg. Run it on a QUIET machine (no builds, no other
# tests): the figures are only as honest as the machine. The load average is recorded in every file.
#
#   benchmarks/run-all.sh            # everything: about 2 h on 2 cores (estimate below)
#   SKIP_BUILD=1 benchmarks/run-all.sh
#   ONLY="jmh floor rtt" benchmarks/run-all.sh   # a subset of: jmh floor rtt flood login fanout soak tcp fleet
#   ONLY=tcp benchmarks/run-all.sh   # login, rtt and flood over TCP and WebSocket only (issue 16)
#
# The method, built into the harness (defaults of LoadHarness):
#   - every contender in every round on a fresh Prosody started for it (no mod_mam, Nagle off,
#     a distinct SCRAM salt per account); the server's pid and config are in each run's JSON;
#   - login: a sweep of concurrency 8 ... 1,000 per library (--sweep auto, one run per point, fresh
#     server each), then 3 rounds with each library at its best; rtt and flood: 3 rounds, plus the raw
#     BOSH client (no library) as the server-bound reference on its own fresh server;
#   - medians with min-max; client CPU (process CPU of the measured phase) and server CPU (Prosody's
#     utime+stime) per operation; the SCRAM-SHA-1 key derivation floor measured on this JVM;
#   - JMH with 3 forks (3 x 2 s warm-up, 5 x 2 s measurement per fork, -prof gc).
#
# Duration estimate (2 cores, quiet):  jmh ~35 min (33 benchmarks x 3 forks x ~20 s) | floor <1 min |
#   rtt ~5 min | flood ~11 min (JIT warm-up, the body-size sweep, send-only and receive-only phases of >= 5 s) | login ~20 min (sweeps at 100 and 1,000: ~8 min, most of it Smack past
#   concurrency 256; rounds with 30 s holds; 10,000 x 3 rounds ~8 min) | fanout ~10 min (5,000 ours,
#   1,000 both, 2 min each) | soak ~32 min (2,000 ours, 1,000 both, 10 min each) | tcp ~25 min (rtt 1000,
#   flood 10000 and login 1000 with a sweep, over TCP and over WebSocket: ~12 min per transport) | fleet ~8 min => about 2 h 30 min.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=benchmarks/target/benchmarks.jar
RESULTS=benchmarks/results
# -XX:+AlwaysPreTouch: the heap's pages are touched at start, not by whichever contender allocates first (a
# profile of ours receiving put 30% of the event loops' CPU in first-touch page faults; same JVM for all contenders)
HARNESS="java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp $JAR org.reactorxmpp.benchmarks.load.LoadHarness"
BIG_HARNESS="java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -cp $JAR org.reactorxmpp.benchmarks.load.LoadHarness"
ONLY="${ONLY:-jmh floor rtt flood login fanout soak tcp fleet}"
ROUNDS="${ROUNDS:-3}"
FORKS="${FORKS:-3}"
mkdir -p "$RESULTS"

want() { [[ " $ONLY " == *" $1 "* ]]; }

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q -pl reactor-xmpp,reactor-bosh,benchmarks -am package -DskipTests
fi

# many sessions hold one or two connections each (and Prosody the other ends): mind the open-file limit
ulimit -n "$(ulimit -Hn)" || true
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

if want jmh; then
  # parse and serialize the corpus, ours vs Smack, with allocation per operation; IQ correlation
  java -jar "$JAR" 'ParseBenchmark|SerializeBenchmark|IqCorrelationBenchmark' -f "$FORKS" \
    -prof gc -rf json -rff "$RESULTS/jmh.json" | tee "$RESULTS/jmh.txt"
fi

if want floor; then
  $HARNESS floor 2000 --out "$RESULTS/floor-2000.json"
fi

if want rtt; then
  # ours, Smack and the raw client, each on a fresh server per round; the HTTP floor on each server
  # each library first runs 20,000 untimed round trips on its own server (--jit-warmup): without it, C2 was
  # still compiling 15 s into the run and client CPU per round trip measured the JIT
  $HARNESS rtt 5000 --rounds "$ROUNDS" --warmup 100 --out "$RESULTS/rtt-5000.json"
fi

if want flood; then
  # after an untimed flood of 100,000 per library on its own server (--jit-warmup; a 10,000 flood takes ours < 1 s)
  $HARNESS flood 10000 --rounds "$ROUNDS" --out "$RESULTS/flood-10000.json"
fi

if want login; then
  $HARNESS login 100 --sweep auto --rounds "$ROUNDS" --out "$RESULTS/login-100.json"
  $HARNESS login 1000 --sweep auto --rounds "$ROUNDS" --hold 30 --out "$RESULTS/login-1000.json"
  # capacity: ours alone at 10,000 (Smack's thread per connection rules it out; see fanout/soak at 1,000)
  $BIG_HARNESS login 10000 --impl ours --concurrency 1000 --rounds "$ROUNDS" --hold 30 --timeout 1800 \
    --out "$RESULTS/login-10000.json"
fi

if want fanout; then
  # the bot backend: each session gets a message every 5 s from a raw driver and answers, for 2 minutes
  $BIG_HARNESS fanout 5000 --impl ours --duration 120 --period 5 --timeout 1800 --out "$RESULTS/fanout-5000.json"
  $BIG_HARNESS fanout 1000 --duration 120 --period 5 --timeout 1800 --out "$RESULTS/fanout-1000.json"
fi

if want soak; then
  # idle sessions with keep-alives only: heap after GC every 10 s, threads, drops
  $BIG_HARNESS soak 2000 --impl ours --duration 600 --sample 10 --timeout 1800 --out "$RESULTS/soak-2000.json"
  $BIG_HARNESS soak 1000 --duration 600 --sample 10 --timeout 1800 --out "$RESULTS/soak-1000.json"
fi

if want tcp; then
  # issue 16: ours on TcpTransport / WebSocketTransport, Smack on XMPPTCPConnection (Smack 4.4.8 has no
  # WebSocket connection: its WebSocket rows are TCP), the raw client on the same transport; no TLS and
  # no stream management for anyone; files MODE-tcp-N.json and MODE-ws-N.json
  for transport in tcp ws; do
    $HARNESS rtt 1000 --transport "$transport" --rounds "$ROUNDS" --warmup 100 --out "$RESULTS/rtt-$transport-1000.json"
    $HARNESS flood 10000 --transport "$transport" --rounds "$ROUNDS" --out "$RESULTS/flood-$transport-10000.json"
  done
  $HARNESS login 1000 --transport tcp --sweep auto --rounds "$ROUNDS" --hold 30 --out "$RESULTS/login-tcp-1000.json"
  # 1,000 over WebSocket too: the stop at 500 streams of the 2026-12-01 indicative run came from the pooled
  # HttpClient.create() WebSocketTransport used then; with its own unpooled connections (6acc0e8) 1,000 log in
  # against the load Prosody (benchmarks/results/indicative/tcp-profile-2026-12-01.md), no server setting involved
  $HARNESS login 1000 --transport ws --sweep auto --rounds "$ROUNDS" --hold 30 --out "$RESULTS/login-ws-1000.json"
fi

if want fleet; then
  # issue 19: checkpoint cost per BOSH request (plain / write-ahead / after, a fleet of two members) and handoff
  # of about 1,200 sessions each way (join, then graceful stop), a fresh Prosody per round; Hazelcast's flags
  HZ="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
  java -Xms2g -Xmx2g $HZ -cp "$JAR" org.reactorxmpp.benchmarks.load.FleetHarness --checkpoint-sessions 300 \
    --pings 50 --handoff-sessions 2400 --rounds "$ROUNDS" --out "$RESULTS/fleet-2400.json"
fi

java -cp "$JAR" org.reactorxmpp.benchmarks.report.ResultsReport "$RESULTS" benchmarks/RESULTS.md
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
