#!/usr/bin/env bash
# One command to see the connector work: builds the project if needed, starts a Kafka broker (KRaft), a Kafka
# Connect worker with the connector installed from its component archive, and the OTA API simulator, deploys
# the connector and shows what it does until Ctrl-C. ./quickstart.sh --help lists the options.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: ./quickstart.sh [options]

Starts, as child processes of this script, a single-node Kafka broker (KRaft), a Kafka Connect worker
(distributed mode) with the connector unzipped from target/components/packages/*.zip into its plugin.path,
and the OTA API simulator running a rollout of a few jobs over thousands of devices, with the vendor's
push side (an AMQP broker, TLS) in the simulator's process. Then deploys the connector, push on, and shows,
every few seconds, the connector's and tasks' states, each job's progress as read back from the ota.tasks
topic, whether push is connected, the delivery lag of task changes, and the latest records.
Ctrl-C (or the end of --duration) stops every process it started and removes its work folder.

  --duration SECONDS        watch this long after the connector is deployed, then stop (default: until Ctrl-C)
  --refresh SECONDS         redraw every SECONDS (default 5)
  --devices N               size of the simulated rollout (default 5000 devices in the largest job)
  --no-push                 no push broker: the connector only polls (as it does with the real API here)
  --job-ids ID,ID           follow these jobs (default: all of the simulator's; required with the real API)
  --endpoint URL            call the real Alibaba Cloud IoT Platform API at URL instead of the simulator
  --region REGION           call the real API of REGION (https://iot.REGION.aliyuncs.com/), e.g. cn-shanghai
                            Both take the AccessKey from OTA_ACCESS_KEY_ID and OTA_ACCESS_KEY_SECRET.
  --bootstrap-servers HOSTS an existing Kafka cluster to watch (together with --connect-url)
  --connect-url URL         an existing Connect cluster, with the plugin installed, to deploy the connector to;
                            then no broker or worker is started
  --no-build                use the archive and classes in target/ as they are, even if sources are newer
  -h, --help                this text

Needs Java 17+ and Maven 3.8+; the first run downloads Kafka's jars from Maven Central (~54 MB).
USAGE
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
started_ms=$(date +%s%3N 2>/dev/null || true)
[[ $started_ms =~ ^[0-9]+$ ]] || started_ms=$(( $(date +%s) * 1000 ))

build=auto
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --no-build) build=no ;;
    *) args+=("$1") ;;
  esac
  shift
done

say() { echo "quickstart: $*"; }

java_cmd="java"
[[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]] && java_cmd="$JAVA_HOME/bin/java"
if ! command -v "$java_cmd" >/dev/null; then
  say "Java 17 or newer is needed (set JAVA_HOME or put java on PATH)" >&2
  exit 1
fi

classpath_file="target/quickstart/test-classpath.txt"

newest_archive() {
  ls -t target/components/packages/*.zip 2>/dev/null | head -n 1 || true
}

# Built when the archive or the test classes are missing, or a source is newer than the archive
needs_build() {
  local archive
  archive=$(newest_archive)
  [[ -z $archive || ! -d target/test-classes ]] && return 0
  [[ -n $(find pom.xml manifest.json src config -newer "$archive" -type f -print -quit 2>/dev/null) ]]
}

work=$(mktemp -d "${TMPDIR:-/tmp}/ota-quickstart.XXXXXX")
java_pid=""
keep_work=false

# Last resort for processes whose parent JVM could not stop them (it was killed): only PIDs from our pid file
# whose command line names our work folder, so a recycled PID is never touched. Newest first, one at a time,
# as the JVM would: a worker stops quickly only while its broker is still there.
stop_leftovers() {
  [[ -f $work/pids ]] || return 0
  local pids=() names=() pid name i _
  while read -r pid name; do
    pids=("$pid" ${pids[@]+"${pids[@]}"})
    names=("$name" ${names[@]+"${names[@]}"})
  done < "$work/pids"
  for i in "${!pids[@]}"; do
    pid=${pids[$i]}
    kill -0 "$pid" 2>/dev/null && ps -o args= -p "$pid" 2>/dev/null | grep -qF -- "$work" || continue
    say "${names[$i]} (pid $pid) is still running; stopping it" >&2
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

cleanup() {
  trap - INT TERM EXIT
  if [[ -n $java_pid ]] && kill -0 "$java_pid" 2>/dev/null; then
    # The JVM's shutdown hook stops the worker, the broker and the simulator in that order
    kill -TERM "$java_pid" 2>/dev/null || true
    wait "$java_pid" 2>/dev/null || true
  fi
  stop_leftovers
  if [[ $keep_work == true ]]; then
    say "logs kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Maven's output only when it fails: a quickstart should not scroll a build log past the user
maven() {
  if ! mvn -B -q -Dstyle.color=never "$@" >"$work/maven.log" 2>&1; then
    cat "$work/maven.log" >&2
    say "Maven failed: mvn -B $*" >&2
    exit 1
  fi
}

classpath_goal=(dependency:build-classpath -Dmdep.includeScope=test "-Dmdep.outputFile=$root/$classpath_file")

if [[ $build == auto ]] && needs_build; then
  command -v mvn >/dev/null || { say "Maven 3.8+ is needed to build the connector" >&2; exit 1; }
  say "building the connector: mvn -B -q package -DskipTests"
  maven package -DskipTests "${classpath_goal[@]}"
fi
archive=$(newest_archive)
if [[ -z $archive ]]; then
  say "no component archive in target/components/packages: run without --no-build, or mvn -B package -DskipTests" >&2
  exit 1
fi
if [[ ! -d target/test-classes ]]; then
  say "no target/test-classes (the simulator and this quickstart live there): run without --no-build" >&2
  exit 1
fi
if [[ ! -s $classpath_file || pom.xml -nt $classpath_file ]]; then
  command -v mvn >/dev/null || { say "Maven 3.8+ is needed to resolve the test classpath" >&2; exit 1; }
  say "resolving the simulator's classpath with Maven"
  maven "${classpath_goal[@]}"
fi

redraw=false
[[ -t 1 ]] && redraw=true

# In the background so that this script's traps run at once on Ctrl-C and forward it as SIGTERM
"$java_cmd" -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Dlog4j2.configurationFile="$root/quickstart/log4j2.xml" \
  -Dotaconnect.quickstart.project="$root" \
  -Dotaconnect.quickstart.archive="$root/$archive" \
  -Dotaconnect.quickstart.work="$work" \
  -Dotaconnect.quickstart.started-ms="$started_ms" \
  -Dotaconnect.quickstart.redraw="$redraw" \
  -cp "$root/target/test-classes:$root/target/classes:$(cat "$classpath_file")" \
  io.github.otaconnect.quickstart.Quickstart ${args[@]+"${args[@]}"} &
java_pid=$!
status=0
wait "$java_pid" || status=$?
java_pid=""
# 1: the quickstart failed (its message says why); the processes' logs tell more
[[ $status == 1 ]] && keep_work=true
exit "$status"
