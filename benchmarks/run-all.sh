#!/usr/bin/env bash
# Runs the full benchmark set and regenerates benchmarks/RESULTS.md tables and benchmarks/results/*.svg.
# Run it on a quiet machine (no builds or other load): the figures are only as honest as the machine.
#
#   benchmarks/run-all.sh            # everything (about 1.5-2 h on 2 cores, mostly JMH and login 10000)
#   SKIP_BUILD=1 benchmarks/run-all.sh
#   ONLY="jmh floor rtt" benchmarks/run-all.sh   # a subset: jmh floor rtt flood login
#
# Each harness command starts and stops its own Prosody and runs ours and Smack alternately in the same JVM.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=benchmarks/target/benchmarks.jar
RESULTS=benchmarks/results
HARNESS="java -Xms2g -Xmx2g -cp $JAR org.reactorxmpp.benchmarks.load.LoadHarness"
ONLY="${ONLY:-jmh floor rtt flood login}"
ROUNDS="${ROUNDS:-3}"
mkdir -p "$RESULTS"

want() { [[ " $ONLY " == *" $1 "* ]]; }

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q -pl reactor-xmpp,reactor-bosh,benchmarks -am package -DskipTests
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

if want jmh; then
  # parse and serialize the corpus, ours vs Smack, with allocation per operation; IQ correlation
  java -jar "$JAR" 'ParseBenchmark|SerializeBenchmark|IqCorrelationBenchmark' \
    -prof gc -rf json -rff "$RESULTS/jmh.json" | tee "$RESULTS/jmh.txt"
fi

if want floor; then
  $HARNESS floor 2000 --out "$RESULTS/floor-2000.json"
fi

if want rtt; then
  $HARNESS rtt 1000 --rounds "$ROUNDS" --warmup 100 --out "$RESULTS/rtt-1000.json"
fi

if want flood; then
  $HARNESS flood 10000 --rounds "$ROUNDS" --out "$RESULTS/flood-10000.json"
fi

if want login; then
  # 10,000 sessions: one connection each held by Prosody, so mind the open-file limit (20,000 hard here)
  ulimit -n "$(ulimit -Hn)" || true
  $HARNESS login 100 --rounds "$ROUNDS" --out "$RESULTS/login-100.json"
  $HARNESS login 1000 --rounds "$ROUNDS" --hold 30 --out "$RESULTS/login-1000.json"
  # ours alone at 10,000 (Smack is run at 100 and 1,000 only, as its thread per connection rules out more)
  java -Xms4g -Xmx4g -cp "$JAR" org.reactorxmpp.benchmarks.load.LoadHarness login 10000 --impl ours \
    --concurrency 1000 --hold 30 --timeout 1800 --out "$RESULTS/login-10000.json"
fi

java -cp "$JAR" org.reactorxmpp.benchmarks.report.ResultsReport "$RESULTS" benchmarks/RESULTS.md
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
