#!/usr/bin/env bash
# Creates conf/deploy/secrets/ for docker-compose.yml: random passwords and the pseudonym key, the dashboard user's
# ClickHouse file with its password hash, and files for the secrets only you know (WeCom, SMTP, chat bridge), which
# you then fill in. Existing files are kept, so it is safe to run again. Never commit conf/deploy/secrets/.
set -euo pipefail
cd "$(dirname "$0")"
umask 077
mkdir -p secrets/alertmanager

random() { head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 32; }
create() {  # create FILE CONTENT: only if FILE does not exist yet
  if [[ ! -e $1 ]]; then printf '%s\n' "$2" >"$1"; echo "created $1"; fi
}

# The HMAC key that pseudonymises citizen IDs: losing it breaks the link between old and new pseudonyms.
create secrets/pseudonym-key "$(head -c 32 /dev/urandom | base64)"

writer=$(cat secrets/clickhouse-writer-password 2>/dev/null || random)
create secrets/clickhouse-writer-password "$writer"
create secrets/clickhouse-writer.env "HRSS_CLICKHOUSE_PASSWORD=$writer"

reader=$(sed -n 's/^HRSS_DASHBOARD_READER_PASSWORD=//p' secrets/dashboard-reader.env 2>/dev/null || true)
reader=${reader:-$(random)}
create secrets/dashboard-reader.env "HRSS_DASHBOARD_READER_PASSWORD=$reader"
# The read-only user with its password hash (local only: Grafana runs in ClickHouse's network namespace).
hash=$(printf '%s' "$reader" | sha256sum | cut -d' ' -f1)
if [[ ! -e secrets/dashboard_reader.xml ]]; then
  sed -e "s/@PASSWORD_SHA256_HEX@/$hash/" ../clickhouse/users.d/dashboard_reader.xml >secrets/dashboard_reader.xml
  chmod 644 secrets/dashboard_reader.xml  # read by the clickhouse user inside its container
  echo "created secrets/dashboard_reader.xml"
fi

create secrets/grafana-admin-password "$(random)"
create secrets/alertmanager.env "HRSS_WECOM_API_SECRET=fill-in-the-WeCom-app-secret"
create secrets/alertmanager/smtp-password "fill-in-the-SMTP-password"
create secrets/alertmanager/chat-bridge-token "fill-in-the-chat-bridge-token"
echo "Fill in secrets/alertmanager.env and secrets/alertmanager/* with your real WeCom, SMTP and bridge secrets."
