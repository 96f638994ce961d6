"""Peer for bench/compare.sh: the notification outbox a bot author writes first.

Flask under gunicorn, one SQLite connection per worker process, WAL mode with
synchronous=FULL, and one transaction per request: the 201 goes out only after
COMMIT returned, so an acknowledged notification survives a power cut, which is
the promise vigiad makes too.

Environment:
  BENCH_TOKEN    bearer token every POST must carry (required)
  BENCH_DB       path of the SQLite file (required)

Run:  BENCH_TOKEN=t BENCH_DB=/tmp/x.db gunicorn -w 2 -b 127.0.0.1:PORT \
          --chdir bench/peers flask_outbox:app
"""

import datetime
import hmac
import json
import os
import sqlite3

from flask import Flask, Response, request

TOKEN = os.environ["BENCH_TOKEN"]
DB_PATH = os.environ["BENCH_DB"]

# Same channels and field limits as vigiad (core/Notification.cpp), so both
# sides do comparable validation work.
CHANNELS = {"whatsapp", "discord", "telegram"}
LIMITS = {"channel": 16, "recipient": 512, "text": 4096, "type": 64}

SCHEMA = """
CREATE TABLE IF NOT EXISTS notifications (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT UNIQUE,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    created_at TEXT NOT NULL
)
"""

app = Flask(__name__)

# One connection per worker process. It is opened lazily, after gunicorn forked,
# because an SQLite connection must not be shared across fork().
_db = None
_db_pid = None


def db():
    global _db, _db_pid
    if _db is None or _db_pid != os.getpid():
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so the commit
        # point (and hence the fsync) is explicit.
        conn = sqlite3.connect(DB_PATH, isolation_level=None, timeout=30)
        # Two workers write the same file: wait for the other's lock instead of
        # failing with SQLITE_BUSY.
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(SCHEMA)
        _db, _db_pid = conn, os.getpid()
    return _db


def reply(status, body, headers=None):
    return Response(json.dumps(body), status=status, mimetype="application/json",
                    headers=headers or {})


def error(status, code, message, field=None):
    body = {"error": code, "message": message}
    if field:
        body["field"] = field
    return reply(status, body)


def authorized():
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer "):].encode(), TOKEN.encode())


def validate(body):
    """Returns (fields, None) or (None, error response)."""
    fields = {}
    for name, limit in LIMITS.items():
        value = body.get(name)
        if not isinstance(value, str) or not value.strip():
            return None, error(422, "validation_failed", f"{name} is required", name)
        value = value.strip()
        if len(value) > limit:
            return None, error(422, "validation_failed",
                               f"{name} is limited to {limit} characters", name)
        fields[name] = value
    if fields["channel"] not in CHANNELS:
        return None, error(422, "validation_failed",
                           "channel must be one of whatsapp, discord, telegram", "channel")
    return fields, None


@app.post("/v1/notifications")
def create_notification():
    if not authorized():
        return error(401, "unauthorized", "a valid bearer token is required")
    try:
        body = json.loads(request.get_data())
    except (ValueError, UnicodeDecodeError):
        return error(400, "invalid_json", "the body is not valid JSON")
    if not isinstance(body, dict):
        return error(400, "invalid_json", "the body must be a JSON object")
    fields, bad = validate(body)
    if bad:
        return bad
    key = request.headers.get("Idempotency-Key", "").strip() or None
    if key and len(key) > 255:
        return error(400, "invalid_idempotency_key", "Idempotency-Key is limited to 255 characters")

    conn = db()
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
    # BEGIN IMMEDIATE takes the write lock up front, so the duplicate check and
    # the insert see the same state; busy_timeout queues us behind the other worker.
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute(
            "INSERT INTO notifications (idempotency_key, channel, recipient, text, type, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING",
            (key, fields["channel"], fields["recipient"], fields["text"], fields["type"], now))
        existing = None
        if cur.rowcount == 0:
            existing = conn.execute(
                "SELECT id, channel, recipient, text, type FROM notifications"
                " WHERE idempotency_key = ?", (key,)).fetchone()
        new_id = cur.lastrowid
        conn.execute("COMMIT")  # durable from here on (WAL + synchronous=FULL)
    except Exception:
        conn.execute("ROLLBACK")
        raise

    if existing is None:
        return reply(201, {"id": new_id, "state": "pending"},
                     {"Location": f"/v1/notifications/{new_id}"})
    if tuple(existing[1:]) != (fields["channel"], fields["recipient"], fields["text"],
                               fields["type"]):
        return error(409, "idempotency_conflict",
                     f"Idempotency-Key {key} was already used with a different body")
    return reply(201, {"id": existing[0], "state": "pending"}, {"Idempotent-Replayed": "true"})


@app.get("/count")
def count():
    (n,) = db().execute("SELECT COUNT(*) FROM notifications").fetchone()
    return reply(200, {"count": n})
