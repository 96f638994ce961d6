#!/usr/bin/env bash
# The Charts tab as an operator sees it, under Xvfb, at a laptop's 1024 px,
# in English and Spanish: a day of history seeded into the store before
# vigiad starts (busy minutes, a gap while vigiad was stopped, an outage and
# the queue it built up), then the console live against it.
# Usage: bash scripts/screenshot-charts.sh [BUILD_DIR] (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

work=$(mktemp -d)
# A console that has never seen this server: no "while you were away" over the charts.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
trap 'kill ${pid:-0} ${waha_pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
port=18775
. scripts/screenshot-common.sh
waha=18777
cat > "$work/vigiad.ini" <<INI
[server]
listen = 127.0.0.1:$port
[store]
sqlite = $work/vigia.db
[waha]
url = http://127.0.0.1:$waha
allow_unsigned_webhooks = true
[admin]
contact = +58 424-0000000
[delivery]
ack_timeout_s = 0
INI
# The first command creates the store (and its tables).
token=$(vigiad_token admin maria)

python3 - "$work/vigia.db" <<'PY'
import random, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
random.seed(7)
now = int(time.time()) // 60 * 60
minute = lambda ago: (now - ago * 60) * 1000
outage = range(27, 36)       # minutes ago: nothing delivered, the queue grows
gap = range(47, 52)          # vigiad was stopped: no rows at all
waiting = 0
for ago in range(24 * 60, 0, -1):
    if ago in gap:
        continue
    attempts = random.randint(4, 14)
    delivered = attempts - (random.random() < 0.15)
    state = "online"
    if ago in outage:
        delivered, state = 0, "critical"
        waiting += attempts
    elif waiting:
        waiting = max(0, waiting - 9)
    db.execute("INSERT OR REPLACE INTO history_minutes VALUES (?, 'whatsapp', ?, ?, ?, ?, ?, 0, ?, ?)",
               (minute(ago), attempts, attempts, delivered, attempts - delivered,
                0, random.randint(300, 900), random.randint(1200, 2500)))
    db.execute("INSERT OR REPLACE INTO history_queue VALUES (?, ?, 0, ?)",
               (minute(ago), waiting + random.randint(0, 2), state))
for ago, state, reason in [(24 * 60 + 5, "online", ""), (52, "offline", "bot_silent"),
                           (46, "online", ""), (36, "critical", "nobody_reached"),
                           (27, "degraded", "deliveries_settling"), (22, "online", "")]:
    db.execute("INSERT OR REPLACE INTO status_periods VALUES (?, ?, ?)", (minute(ago), state, reason))
# What the operator did about the outage, marked on the chart.
for ago, action in [(33, "gateway_restart"), (26, "retry_failed")]:
    db.execute("INSERT INTO audit (at_ms, actor, action, outcome, detail) VALUES (?, 'maria', ?, 'ok', '{}')",
               (minute(ago), action))
db.commit()
PY

python3 scripts/demo_waha.py $waha &
waha_pid=$!
start_vigiad

mkdir -p docs/screenshots
for lang in en es; do
    LANGUAGE=$lang LANG=${lang}_US.UTF-8 VIGIA_TOKEN="$token" \
        xvfb-run -a -s "-screen 0 1024x768x24" \
        "$build/app/vigia" --server "http://127.0.0.1:$port" --tab charts -geometry 1024x640+0+0 \
        --screenshot "docs/screenshots/charts-$lang-1024.png"
    echo "wrote docs/screenshots/charts-$lang-1024.png"
done
