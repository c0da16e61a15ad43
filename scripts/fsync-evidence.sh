#!/usr/bin/env bash
# Durability evidence (docs/DURABILITY.md): runs a release firewatchd under strace against a loopback
# mosquitto, publishes N QoS 1 messages, and compares the fsync/fdatasync calls with the journal
# commits the daemon counted (firewatch_journal_commit_seconds_count). Every journal commit must be
# fsynced before its PUBACKs leave, so the ratio is at least 1 (pipeline commits add more).
# Usage: scripts/fsync-evidence.sh [COUNT]   (needs strace, mosquitto, a release build; waits for the journal)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20000}
daemon_bin=${FIREWATCHD:-.build/release/firewatchd}   # FIREWATCHD=path measures another build
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
http=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
set_tcp_nodelay true
max_queued_messages 1000000
user $(id -un)
CONF
mosquitto -c "$work/mosquitto.conf" >/dev/null 2>&1 &
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
printf -- '- {id: ms-1, name: s, street: changshoulu, kind: community, location: {lat: 31.24, lon: 121.43}, status: available}\n' > "$work/stations.yaml"
python3 - "$work/registry.yaml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1000):
        f.write(f"- {{id: bench-{i:05d}, model: gb26875/uitd, location: {{lat: 31.24, lon: 121.43}}, address: a, street: changshoulu, community: c}}\n")
PY
cat > "$work/firewatch.yaml" <<CONF
instance: fsync
mqtt:
  url: mqtt://127.0.0.1:$port
  client_id: firewatchd-fsync
  subscriptions:
    - {filter: "devices/+/up", device_level: 2, envelope: raw}
storage: {sqlite: $work/fw.sqlite}
devices: {definitions: [$(pwd)/Devices], registry: $work/registry.yaml}
stations: {file: $work/stations.yaml}
http: {listen: 127.0.0.1:$http}
logging: {level: warning}
CONF
strace -f -qq -e trace=fsync,fdatasync -c -o "$work/strace.txt" "$daemon_bin" --config "$work/firewatch.yaml" 2>"$work/daemon.log" &
daemon=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$http/readyz" >/dev/null && break; sleep 0.1; done
.build/release/firewatch-bench publish --port "$port" --count "$count" --devices 1000 --window 1000 --envelope raw 2>/dev/null
for _ in $(seq 1 300); do
  n=$(curl -sf "http://127.0.0.1:$http/metrics" | awk '$1=="firewatch_ingest_messages_total"{print $2}')
  [ "${n%.*}" -ge "$count" ] 2>/dev/null && break
  sleep 0.1
done
commits=$(curl -sf "http://127.0.0.1:$http/metrics" | awk '$1=="firewatch_journal_commit_seconds_count"{print $2}')
set +e
# SIGTERM to firewatchd itself (strace's child), then strace writes its summary and exits.
pkill -TERM -P "$daemon" -f firewatchd
wait "$daemon"
set -e
syncs=$(awk '$NF=="fsync"||$NF=="fdatasync"{s+=$4} END{print s+0}' "$work/strace.txt")
echo "messages $count; journal commits $commits; fsync+fdatasync calls $syncs; per journal commit $(python3 -c "print(round($syncs/max(1,${commits%.*}),2))")"
cat "$work/strace.txt"
