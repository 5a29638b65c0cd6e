# Shared by the bin/ commands: repository root, build, Java options, ClickHouse availability.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# Flink and Kafka reflect into the JDK; Java 17 needs these opened (as Flink's own launch scripts do).
JAVA_OPENS=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED)

log() { printf '%s\n' "$*" >&2; }

# Builds the modules (without tests) unless the devstack classpath is newer than every source and pom.
build_if_needed() {
  local marker=jobs/devstack/target/classpath.txt
  if [[ -f $marker ]] && [[ -z $(find pom.xml jobs conf/contract conf/reference alerts/rules -newer "$marker" \
      \( -name "*.java" -o -name pom.xml -o -name "*.csv" -o -name "*.json" -o -name "*.properties" -o -name "*.xml" -o -name "*.yaml" -o -name "*.txt" \) \
      -not -path '*/target/*' -print -quit) ]]; then
    return
  fi
  log "building (mvn -DskipTests install) ..."
  mvn -q -B -DskipTests install
}

devstack_classpath() {
  echo "jobs/devstack/target/classes:$(cat jobs/devstack/target/classpath.txt)"
}

# Installs a Debian package when we are root on Debian/Ubuntu; fails (status 1) otherwise.
install_debian_package() {
  [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null || return 1
  log "$1 not found: installing Debian's package (apt-get install $1) ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

# ClickHouse: HRSS_CLICKHOUSE_URL, else a clickhouse-server binary, else install Debian's package when we can.
ensure_clickhouse() {
  [[ -n ${HRSS_CLICKHOUSE_URL:-} ]] && return
  if command -v clickhouse-server >/dev/null || [[ -x /usr/bin/clickhouse-server || -x /usr/sbin/clickhouse-server ]]; then
    return
  fi
  install_debian_package clickhouse-server && return
  log "ClickHouse is needed and none was found. Either:"
  log "  sudo apt-get install clickhouse-server      (any Debian/Ubuntu; the demo starts it itself), or"
  log "  set HRSS_CLICKHOUSE_URL=http://host:8123 (or pass --clickhouse-url) to use a server you run."
  exit 2
}

# Alertmanager (Debian's prometheus-alertmanager, with amtool) for the notification tests; installed when we can.
ensure_alertmanager() {
  [[ -x /usr/bin/prometheus-alertmanager && -x /usr/bin/amtool ]] && return
  command -v alertmanager >/dev/null && command -v amtool >/dev/null && return
  install_debian_package prometheus-alertmanager && return
  log "The notification tests need Prometheus Alertmanager and amtool: sudo apt-get install prometheus-alertmanager"
  exit 2
}
