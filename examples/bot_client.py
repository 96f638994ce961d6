#!/usr/bin/env python3
"""A Discord-style voice bot that keeps its memory in vigiad (standard library only).

It shows the three moments that matter:
  1. someone joins: announce it, then start a session with entry_notified=true
     and the exit notice vigiad must send if the bot never sees them leave;
  2. someone leaves: end the session with notify=true (vigiad sends the notice);
  3. the bot restarts: read the sessions back and send one reconcile snapshot
     of who is present now; vigiad ends the others and sends their exit notices.

Usage:
  VIGIA_URL=http://127.0.0.1:8765 VIGIA_TOKEN=vga_... \
  DISCORD_WEBHOOK=https://discord.com/api/webhooks/ID/TOKEN python3 bot_client.py demo
"""
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

VIGIA_URL = os.environ.get("VIGIA_URL", "http://127.0.0.1:8765")
TOKEN = os.environ.get("VIGIA_TOKEN", "")
WEBHOOK = os.environ.get("DISCORD_WEBHOOK", "https://discord.com/api/webhooks/0/demo")


def call(method, path, body=None):
    """One request to vigiad; returns (status, json). Raises on network errors."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(VIGIA_URL + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + TOKEN)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def joined(user_id, username, channel):
    # The bot announces the entry itself (as it always did), then tells vigiad.
    status, session = call("PUT", "/v1/sessions/voice/" + urllib.parse.quote(user_id, safe=""), {
        "user_id": user_id,
        "username": username,
        "where": channel,
        "confirmed": True,
        "entry_notified": True,
        "exit_notice": {"channel": "discord", "recipient": WEBHOOK,
                        "text": f"{username} salió de {channel}"},
    })
    print(f"join {username}: HTTP {status}, started_at {session.get('started_at')}")


def left(user_id):
    status, answer = call("DELETE", "/v1/sessions/voice/" + urllib.parse.quote(user_id, safe="") + "?notify=true")
    sent = answer.get("exit_notification") is not None
    print(f"leave {user_id}: HTTP {status}, exit notice queued: {sent}")


def list_all(path):
    """Every item of a paged list, following next_cursor page by page."""
    items, cursor = [], None
    while True:
        separator = "&" if "?" in path else "?"
        page = path + separator + "limit=500" + ("&cursor=" + urllib.parse.quote(cursor) if cursor else "")
        status, answer = call("GET", page)
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status} {answer}")
        items += answer.get("items", [])
        cursor = answer.get("next_cursor")
        if not cursor:
            return items


def after_restart(present_now):
    """present_now: [(user_id, username, channel)] as the bot sees the server now."""
    before = list_all("/v1/sessions?kind=voice")
    print(f"after restart, vigiad remembers {len(before)} voice sessions")
    status, result = call("POST", "/v1/sessions/voice/reconcile", {
        "present": [{"key": u, "user_id": u, "username": n, "where": c} for (u, n, c) in present_now],
    })
    print(f"reconcile: HTTP {status}, ended {len(result['ended'])}, created {len(result['created'])}, "
          f"moved {len(result['moved'])}, exit notices {len(result['exit_notifications'])}")


def conversation_demo():
    # A multi-step admin flow that survives restarts and expires by itself.
    path = "/v1/conversations/admin-1/create-tariff"
    call("PUT", path, {"step": "price", "data": {}, "ttl_seconds": 900})
    call("PUT", path, {"step": "duration", "data": {"price": 15}, "ttl_seconds": 900})
    status, state = call("GET", path)
    print(f"conversation: HTTP {status}, step {state.get('step')}, data {state.get('data')}")
    call("DELETE", path)


def demo():
    joined("pino", "Pino", "General")
    joined("luz", "Luz", "General")
    left("luz")
    # ... the bot restarts here; meanwhile Pino left and Ana joined ...
    after_restart([("ana", "Ana", "General")])
    conversation_demo()


if __name__ == "__main__":
    if not TOKEN:
        sys.exit("set VIGIA_TOKEN (vigiad token add --role bot --name mybot)")
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        demo()
    else:
        print(__doc__)
