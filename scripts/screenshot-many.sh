#!/usr/bin/env bash
# The Failed tab at a laptop's 1024 px with thousands of rows (20,000 by
# default), in English and Spanish: one vigiad on loopback whose Telegram
# is unreachable, the orders posted over one keep-alive connection, those
# the outage still holds marked failed in its store; the console live on
# it under Xvfb.
# Usage: bash scripts/screenshot-many.sh [BUILD_DIR] [ROWS] (default build 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rows=${2:-20000}

work=$(mktemp -d)
trap 'kill ${pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" # nothing kept from earlier runs
port=18773
. scripts/screenshot-common.sh
telegram_only_ini
bot=$(vigiad_token bot order-bot)
token=$(vigiad_token admin maria)
start_vigiad

python3 - "$port" "$bot" "$rows" <<'PY'
import http.client, json, sys
port, bot, rows = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
names = ["José Pérez", "María Gómez", "Ana Núñez", "Luis Díaz", "Carmen Rojas"]
types = ["ORDER_RECEIVED", "PAYMENT_CONFIRMED", "ORDER_SHIPPED"]
c = http.client.HTTPConnection("127.0.0.1", port)
for i in range(rows):
    order = f"PED-{20000 + i}"
    name = names[i % len(names)]
    body = {"channel": "telegram", "recipient": str(100000000 + i), "customer_name": name,
            "order_id": order, "type": types[i % len(types)],
            "text": f"Hola {name.split()[0]}, tu pedido {order} va en camino."}
    c.request("POST", "/v1/notifications", json.dumps(body),
              {"Authorization": f"Bearer {bot}", "Content-Type": "application/json"})
    r = c.getresponse()
    r.read()
    if r.status not in (200, 201, 202):
        sys.exit(f"POST refused: {r.status}")
PY
# A total outage holds the rest in the queue (one trial at a time), so
# vigiad is stopped and they are marked failed in its store, as a gateway
# refusing each would have left them, then it starts again.
kill "$pid"
wait "$pid" 2>/dev/null || true
python3 - "$work/vigia.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE notifications SET state = 'failed', attempts = 1, "
           "last_error = 'Telegram: connection refused' WHERE state <> 'failed'")
db.commit()
print(db.execute("SELECT count(*) FROM notifications WHERE state = 'failed'").fetchone()[0],
      "failed notifications")
PY
start_vigiad

mkdir -p docs/screenshots
shoot() { # language file
    LANGUAGE=$1 LANG=$1_US.UTF-8 VIGIA_TOKEN="$token" VIGIA_NO_KEYCHAIN=1 \
        xvfb-run -a -s "-screen 0 1024x768x24" \
        "$build/app/vigia" --server "http://127.0.0.1:$port" --tab failed \
        -geometry 1024x700+0+0 --screenshot "docs/screenshots/$2"
    echo "wrote docs/screenshots/$2"
}
shoot en "failed-$rows-en-1024.png"
shoot es "failed-$rows-es-1024.png"
