#!/usr/bin/env bash
# Starts a loopback mosquitto when the config's mqtt.url points at a local broker that is not running.
# The broker's files live in run/ (config, log, pid); `make clean` removes them.
set -euo pipefail
config=${1:-Config/firewatch.yaml}
url=$(awk '/^mqtt:/{m=1;next} /^[^ #]/{m=0} m && $1=="url:"{print $2; exit}' "$config")
case "$url" in
  mqtt://*) hostport=${url#mqtt://} ;;
  *) echo "ensure-broker: $config: mqtt.url $url is not a plain mqtt:// URL; not starting a broker"; exit 0 ;;
esac
host=${hostport%%:*}; port=${hostport##*:}; port=${port%%/*}
[ "$host" = "$port" ] && port=1883
case "$host" in
  127.*|localhost|::1) ;;
  *) echo "ensure-broker: broker $host:$port is not on this machine; not starting one"; exit 0 ;;
esac
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "ensure-broker: a broker already listens on 127.0.0.1:$port"
  exit 0
fi
mkdir -p run
cat > run/mosquitto.conf <<CONF
listener $port 127.0.0.1
# Dispatch orders and PUBACKs leave at once, not after a delayed ACK (Nagle).
set_tcp_nodelay true
allow_anonymous true
persistence true
persistence_location $(pwd)/run/
log_dest file $(pwd)/run/mosquitto.log
pid_file $(pwd)/run/mosquitto.pid
max_queued_messages 100000
# As root, mosquitto would switch to the "mosquitto" user, which cannot write to run/.
user $(id -un)
CONF
mosquitto=$(command -v mosquitto || echo /usr/sbin/mosquitto)
"$mosquitto" -c run/mosquitto.conf -d
for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "ensure-broker: started mosquitto on 127.0.0.1:$port (log run/mosquitto.log)"
    exit 0
  fi
  sleep 0.1
done
echo "ensure-broker: mosquitto did not start; see run/mosquitto.log" >&2
exit 1
