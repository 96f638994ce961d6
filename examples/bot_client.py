#!/usr/bin/env python3
"""A chat bot that keeps its memory in vigiad: every feature, in one minute.

Run it with no arguments:

    python3 examples/bot_client.py

and it starts, on 127.0.0.1 ports of its own, a fake Discord webhook and a real
vigiad (from the repository's build directory) with a throw-away config, then
walks through what a bot does with vigiad, one line per step:

  * notifications: queue one with an Idempotency-Key, send it again (the same
    id comes back, nothing is sent twice) and watch it get delivered;
  * strict input: a misspelt field is refused with 422 and a suggestion;
  * sessions: someone joins, moves, leaves (vigiad sends their exit notice);
    the bot restarts and one reconcile ends who left while it was down;
  * conversations: a multi-step flow that survives restarts;
  * heartbeat and status.

It exits 0 only when everything happened as expected. Nothing leaves 127.0.0.1.

To give a vigiad of your own somewhere to deliver while you write your bot,
run only the fake Discord (it prints the webhook URL to use and each message
it receives, until Ctrl+C; the vigiad needs [discord] allowed_hosts =
127.0.0.1):

    python3 examples/bot_client.py --fake-discord 8090

To run the same tour against a vigiad you already run (its token needs the
bot role; the notices go to a Discord webhook of yours):

    VIGIA_TOKEN=vga_... python3 examples/bot_client.py \\
        --vigiad-url http://127.0.0.1:8765 \\
        --discord-webhook https://discord.com/api/webhooks/ID/TOKEN

The part worth copying into a bot is `VigiaClient` and `VoiceBot`: small
functions, one per moment of a bot's life. The rest (`FakeDiscord`,
`LocalVigiad`, `Tour`) only sets the stage and checks what happened.
Standard library only (Python 3.11).
"""
import argparse
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------
# The part a bot copies: a client for vigiad and the bot's moments.
# ---------------------------------------------------------------------------

class VigiaClient:
    """vigiad's REST API: one method, JSON in and out."""

    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token
        # vigiad is usually on loopback: never route it through an
        # http_proxy from the environment.
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def call(self, method, path, body=None, headers=None):
        """One request; returns (status, json body, response headers).

        HTTP errors are answers too (vigiad explains them in JSON), so they
        are returned, not raised; a network error raises OSError.
        """
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, _json(response.read()), response.headers
        except urllib.error.HTTPError as error:
            return error.code, _json(error.read()), error.headers


def _json(raw):
    try:
        return json.loads(raw or b"{}")
    except ValueError:
        return {"raw": raw.decode("utf-8", "replace")}


def quoted(segment):
    """A path segment: a session key may hold a '/', sent as %2F."""
    return urllib.parse.quote(segment, safe="")


class VoiceBot:
    """What a Discord voice bot tells vigiad, moment by moment.

    `kind` groups the sessions (voice, game, party, ...): a reconcile only
    touches sessions of its kind. `webhook` is where exit notices go.
    """

    def __init__(self, vigia, webhook, kind="voice"):
        self.vigia = vigia
        self.webhook = webhook
        self.kind = kind

    def session_path(self, key):
        return f"/v1/sessions/{self.kind}/{quoted(key)}"

    def notify(self, text, idempotency_key, order_id=None):
        # The key makes a retry safe: if the bot crashes after sending but
        # before it hears the answer, sending again does not send twice.
        # Use something stable from the bot's side (the order and the event).
        body = {"channel": "discord", "recipient": self.webhook,
                "text": text, "type": "ORDER_RECEIVED"}
        if order_id:
            body["order_id"] = order_id
        return self.vigia.call("POST", "/v1/notifications", body,
                               {"Idempotency-Key": idempotency_key})

    def joined(self, key, user_id, username, channel):
        # The bot announced the entry itself, so entry_notified=true: from
        # now on vigiad owes the exit notice even if the bot never sees the
        # person leave (it crashed, it was restarted). {user} and {where} are
        # filled in when the notice is sent, so it names where they were last.
        return self.vigia.call("PUT", self.session_path(key), {
            "user_id": user_id,
            "username": username,
            "where": channel,
            "confirmed": True,
            "entry_notified": True,
            "exit_notice": {"channel": "discord", "recipient": self.webhook,
                            "text": "{user} salió de {where}"},
        })

    def moved(self, key, channel):
        # PATCH, not PUT: a PUT replaces the whole session, and one without
        # exit_notice would silently drop the notice vigiad owes.
        return self.vigia.call("PATCH", self.session_path(key), {"where": channel})

    def left(self, key):
        # notify=true: vigiad sends the exit notice (only if the entry was
        # announced), in the same transaction that ends the session.
        return self.vigia.call("DELETE", self.session_path(key) + "?notify=true")

    def after_restart(self, present_now):
        """present_now: [(key, user_id, username, channel)] as the bot sees it now.

        While the bot was down people came and went. One snapshot of who is
        there now lets vigiad end the others (sending their exit notices),
        create silent sessions for newcomers and update who moved.
        """
        present = [{"key": key, "user_id": user_id, "username": username,
                    "where": channel}
                   for (key, user_id, username, channel) in present_now]
        return self.vigia.call("POST", f"/v1/sessions/{self.kind}/reconcile",
                               {"present": present})

    def remembered(self):
        """Every session of this kind vigiad keeps, page after page."""
        items, cursor = [], None
        while True:
            path = f"/v1/sessions?kind={self.kind}&limit=500"
            if cursor:
                path += "&cursor=" + quoted(cursor)
            status, page, _ = self.vigia.call("GET", path)
            if status != 200:
                raise RuntimeError(f"GET {path}: HTTP {status} {page}")
            items += page.get("items", [])
            cursor = page.get("next_cursor")
            if not cursor:
                return items

    def conversation_step(self, user, flow, step, data):
        # A multi-step flow (create a tariff: price, then duration, ...) kept
        # by vigiad, so a restart does not lose it; it expires by itself.
        return self.vigia.call("PUT", f"/v1/conversations/{quoted(user)}/{quoted(flow)}",
                               {"step": step, "data": data, "ttl_seconds": 900})

    def heartbeat(self):
        # Every minute or so; without it the console shows the bot offline.
        return self.vigia.call("POST", "/v1/heartbeat")


# ---------------------------------------------------------------------------
# The stage: a fake Discord and a vigiad of the tour's own.
# ---------------------------------------------------------------------------

class FakeDiscord:
    """Discord's execute-webhook endpoint on 127.0.0.1, recording each message.

    POST /api[/v{n}]/webhooks/{id}/{token} with JSON {"content": ...}
    answers 204, or with ?wait=true (vigiad always asks for it) 200 and the
    message object, whose "id" vigiad stores as the provider message id.
    """

    WEBHOOK_ID = "1001"
    WEBHOOK_TOKEN = "tour-token"

    def __init__(self, port=0, echo=False):
        self.messages = []
        self.echo = echo  # --fake-discord: print each message as it comes
        self.lock = threading.Lock()
        self.next_id = 1
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                fake.handle_post(self)

            def log_message(self, *args):
                pass  # quiet: the tour prints what matters

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def webhook_url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}/api/webhooks/{self.WEBHOOK_ID}/{self.WEBHOOK_TOKEN}"

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def handle_post(self, handler):
        url = urllib.parse.urlsplit(handler.path)
        parts = url.path.strip("/").split("/")
        if len(parts) == 5 and parts[1].startswith("v"):
            del parts[1]  # /api/v10/webhooks/... is the same webhook
        if len(parts) != 4 or parts[:2] != ["api", "webhooks"]:
            return self.reply(handler, 404, {"message": "404: Not Found", "code": 0})
        if parts[2] != self.WEBHOOK_ID:
            return self.reply(handler, 404, {"message": "Unknown Webhook", "code": 10015})
        if parts[3] != self.WEBHOOK_TOKEN:
            return self.reply(handler, 401, {"message": "Invalid Webhook Token",
                                             "code": 50027})
        length = int(handler.headers.get("Content-Length") or 0)
        body = _json(handler.rfile.read(length))
        content = body.get("content") if isinstance(body, dict) else None
        if not isinstance(content, str) or not content or len(content) > 2000:
            return self.reply(handler, 400, {"message": "Invalid Form Body", "code": 50035})
        with self.lock:
            self.messages.append(content)
            message_id = str(self.next_id)
            self.next_id += 1
            if self.echo:
                stamp = time.strftime("%H:%M:%S")
                print(f"[{stamp}] message {message_id}: {content}", flush=True)
        wait = urllib.parse.parse_qs(url.query).get("wait", [""])[0].lower()
        if wait not in ("true", "1"):
            return self.reply(handler, 204, None)
        return self.reply(handler, 200, {"id": message_id, "type": 0, "content": content,
                                         "channel_id": "1", "webhook_id": self.WEBHOOK_ID})

    @staticmethod
    def reply(handler, status, body):
        data = b"" if body is None else json.dumps(body).encode("utf-8")
        handler.send_response(status)
        if body is not None:
            handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def received(self, predicate):
        """How many messages so far satisfy predicate(text)."""
        with self.lock:
            return sum(1 for text in self.messages if predicate(text))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_vigiad(explicit):
    """--vigiad, $VIGIAD, PATH, then the repository's build directories."""
    candidates = [explicit, os.environ.get("VIGIAD"), shutil.which("vigiad")]
    candidates += [REPO / build / "service" / "vigiad"
                   for build in ("build", "build-rel", "build-ci", "build-release")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


class LocalVigiad:
    """A real vigiad on 127.0.0.1 with a temporary config and database."""

    def __init__(self, binary, workdir):
        self.binary = binary
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = Path(workdir) / "vigiad.ini"
        self.log_path = Path(workdir) / "vigiad.log"
        self.config.write_text(
            "[server]\n"
            f"listen = 127.0.0.1:{self.port}\n"
            "[store]\n"
            f"sqlite = {Path(workdir) / 'vigia.db'}\n"
            "[waha]\n"
            # No WhatsApp in this tour: no WAHA called or probed, no webhook key.
            "enabled = false\n"
            "[discord]\n"
            # The fake Discord; plain http is allowed to loopback only.
            "allowed_hosts = 127.0.0.1\n"
            "[delivery]\n"
            "poll_interval_ms = 100\n"
            "backoff_initial_ms = 200\n",
            encoding="utf-8")
        # The config above is the whole truth: VIGIA_* variables from the
        # caller's environment would override it, a proxy would see traffic.
        self.env = {name: value for name, value in os.environ.items()
                    if not name.startswith("VIGIA_")
                    and name.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
        self.process = None
        self.log = None

    def add_token(self):
        """A bot token; vigiad prints it on the last line, once."""
        done = subprocess.run(
            [self.binary, "token", "add", "--config", str(self.config),
             "--role", "bot", "--name", "example"],
            capture_output=True, text=True, env=self.env, timeout=30, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"vigiad token add exited with {done.returncode}: "
                               f"{done.stderr.strip()}")
        return done.stdout.strip().splitlines()[-1]

    def start(self, deadline):
        self.log = open(self.log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [self.binary, "--config", str(self.config)],
            stdout=self.log, stderr=subprocess.STDOUT, env=self.env)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"vigiad exited with {self.process.returncode}:\n"
                                   + self.log_tail())
            try:
                with opener.open(self.url + "/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return json.loads(answer.read()).get("version", "?")
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("vigiad did not answer /healthz in time:\n" + self.log_tail())

    def stop(self):
        """Stops vigiad; returns its exit code (None if it never ran)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: vigiad closes its store cleanly
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log:
            self.log.close()
        return self.process.returncode if self.process else None

    def log_tail(self, lines=20):
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join("    vigiad: " + line for line in text.splitlines()[-lines:])


# ---------------------------------------------------------------------------
# The tour.
# ---------------------------------------------------------------------------

class Tour:
    """Prints one line per step and remembers what did not happen."""

    def __init__(self, bot, fake, deadline):
        self.bot = bot
        self.fake = fake  # None against an existing vigiad: nothing to look into
        self.deadline = deadline
        self.failures = []

    def step(self, ok, line):
        print(("  ok   " if ok else "  FAIL ") + line, flush=True)
        if not ok:
            self.failures.append(line)
        return ok

    def wait_for(self, condition, seconds=15):
        """Polls condition() until it is true, the step's time or the tour's is up."""
        until = min(time.monotonic() + seconds, self.deadline)
        while True:
            value = condition()
            if value or time.monotonic() >= until:
                return value
            time.sleep(0.1)

    def delivered(self, notification_id):
        """Waits for a notification to reach `delivered`; returns its last state."""
        last = {}

        def check():
            _, answer, _ = self.bot.vigia.call("GET", f"/v1/notifications/{notification_id}")
            last.update(answer)
            return answer.get("state") == "delivered"

        self.wait_for(check)
        return last.get("state"), last.get("last_error")

    def discord_got(self, what, predicate):
        """Checks the fake Discord received exactly one matching message."""
        if self.fake is None:
            print(f"       (sent to your webhook: look for {what!r} there)")
            return
        self.wait_for(lambda: self.fake.received(predicate), seconds=5)
        time.sleep(0.3)  # a duplicate would arrive right behind it
        count = self.fake.received(predicate)
        if not self.step(count == 1,
                         f"Discord received {what!r} {count} time(s) (expected once)"):
            with self.fake.lock:
                print(f"       it received: {self.fake.messages}")


def tour_notifications(tour, tag):
    bot = tour.bot
    print("Notifications")
    key = f"order-1042-received{tag}"
    text = "Pedido 1042 recibido" + (f" (tour {tag.lstrip('-')})" if tag else "")
    status, first, _ = bot.notify(text, key, order_id="1042")
    tour.step(status == 201, f"POST /v1/notifications (Idempotency-Key {key}) -> "
                             f"HTTP {status}, id {first.get('id')}, state {first.get('state')}")
    status, again, headers = bot.notify(text, key, order_id="1042")
    replayed = headers.get("Idempotent-Replayed") if headers else None
    tour.step(status == 201 and again.get("id") == first.get("id"),
              f"the same POST again -> HTTP {status}, id {again.get('id')} "
              f"(Idempotent-Replayed: {replayed}): no duplicate")
    if first.get("id") is not None:
        state, error = tour.delivered(first["id"])
        tour.step(state == "delivered", f"GET /v1/notifications/{first['id']} -> {state}"
                                        + (f" ({error})" if error else ""))
    tour.discord_got(text, lambda got: got == text)

    print("Strict input")
    status, answer, _ = bot.vigia.call("POST", "/v1/notifications", {
        "channel": "discord", "recipient": bot.webhook, "text": "x",
        "type": "ORDER_RECEIVED", "orderid": "1042"})
    tour.step(status == 422 and answer.get("error") == "unknown_field",
              f"POST with a misspelt field orderid -> HTTP {status} "
              f"{answer.get('error')}: {answer.get('message')}")


def tour_sessions(tour, tag):
    bot = tour.bot
    print(f"Sessions (kind {bot.kind})")
    pino, luz, ana = "pino" + tag, "luz" + tag, "ana" + tag
    for key, name in ((pino, "Pino"), (luz, "Luz")):
        status, session, _ = bot.joined(key, "id-" + key, name, "General")
        tour.step(status == 201, f"{name} joins General: PUT -> HTTP {status}, "
                                 f"started_at {session.get('started_at')}")

    status, session, _ = bot.moved(luz, "Juegos")
    kept = session.get("exit_notice") is not None
    tour.step(status == 200 and session.get("where") == "Juegos" and kept,
              f"Luz moves to Juegos: PATCH {{where}} -> HTTP {status}, "
              + (f"where {session.get('where')}, exit notice kept: {kept}" if status == 200
                 else f"{session.get('error')}: {session.get('message')}"))

    status, answer, _ = bot.left(luz)
    notice = answer.get("exit_notification") or {}
    tour.step(status == 200 and bool(notice), f"Luz leaves: DELETE ?notify=true -> HTTP "
                                              f"{status}, exit notice {notice.get('id')} queued")
    if notice:
        state, error = tour.delivered(notice["id"])
        tour.step(state == "delivered", f"exit notice {notice['id']} -> {state}"
                                        + (f" ({error})" if error else ""))
    tour.discord_got("Luz salió de Juegos", lambda got: got == "Luz salió de Juegos")

    print("  ... the bot restarts; meanwhile Pino left and Ana joined ...")
    remembered = [s["key"] for s in bot.remembered()]
    tour.step(pino in remembered, f"GET /v1/sessions?kind={bot.kind}: vigiad remembers "
                                  f"{', '.join(remembered) or 'nobody'}")
    status, result, _ = bot.after_restart([(ana, "id-" + ana, "Ana", "General")])
    ended = [s["key"] for s in result.get("ended", [])]
    created = [s["key"] for s in result.get("created", [])]
    notices = result.get("exit_notifications", [])
    tour.step(status == 200 and ended == [pino] and created == [ana] and len(notices) == 1,
              f"reconcile [Ana] -> HTTP {status}, ended {ended}, created {created}, "
              f"exit notices {len(notices)}")
    for notice in notices:
        state, error = tour.delivered(notice["id"])
        tour.step(state == "delivered", f"exit notice {notice['id']} -> {state}"
                                        + (f" ({error})" if error else ""))
    # A reconcile says when the person was last seen, after the notice's text.
    tour.discord_got("Pino salió de General (...)",
                     lambda got: got.startswith("Pino salió de General"))

    # Ana's session was created by the reconcile, silently: her entry was
    # never announced, so no exit notice is owed when she leaves.
    status, answer, _ = bot.left(ana)
    tour.step(status == 200 and answer.get("exit_notification") is None,
              f"Ana leaves: DELETE ?notify=true -> HTTP {status}, no exit notice "
              f"(her entry was never announced)")


def tour_conversation(tour, tag):
    bot = tour.bot
    print("Conversations")
    user, flow = "admin-1" + tag, "create-tariff"
    path = f"/v1/conversations/{quoted(user)}/{flow}"
    status, _, _ = bot.conversation_step(user, flow, "price", {})
    tour.step(status == 201, f"PUT {path} step price -> HTTP {status} (started)")
    status, _, _ = bot.conversation_step(user, flow, "duration", {"price": 15})
    tour.step(status == 200, f"PUT {path} step duration -> HTTP {status} (moved on)")
    status, state, _ = bot.vigia.call("GET", path)
    tour.step(status == 200 and state.get("step") == "duration",
              f"GET {path} -> HTTP {status}, step {state.get('step')}, "
              f"data {json.dumps(state.get('data'))}")
    status, _, _ = bot.vigia.call("DELETE", path)
    tour.step(status == 200, f"DELETE {path} -> HTTP {status} (flow done)")


def tour_status(tour):
    bot = tour.bot
    print("Heartbeat and status")
    status, _, _ = bot.heartbeat()
    tour.step(status == 200, f"POST /v1/heartbeat -> HTTP {status}")
    status, answer, _ = bot.vigia.call("GET", "/v1/status")
    failed = (answer.get("failed") or {}).get("count")
    waiting = (answer.get("waiting") or {}).get("count")
    tour.step(status == 200, f"GET /v1/status -> HTTP {status}, {answer.get('state')}: "
                             f"{answer.get('reason')} (failed {failed}, waiting {waiting})")


def run_tour(bot, fake, deadline, tag):
    tour = Tour(bot, fake, deadline)
    for part in (tour_notifications, tour_sessions, tour_conversation):
        if time.monotonic() < deadline:
            part(tour, tag)
    if time.monotonic() < deadline:
        tour_status(tour)
    else:
        tour.step(False, "the tour ran out of time")
    return tour.failures


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=(
            "modes:\n"
            "  no arguments   a self-contained tour on 127.0.0.1: a fake Discord and a\n"
            "                 vigiad of its own (build it first: bash scripts/run.sh, or\n"
            "                 cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release\n"
            "                   -DVIGIA_BUILD_TESTS=OFF -DVIGIA_BUILD_BENCH=OFF\n"
            "                 cmake --build build --target vigiad)\n"
            "  --vigiad-url   the same tour against that vigiad (bot token in\n"
            "                 VIGIA_TOKEN); notices go to --discord-webhook, required\n"
            "  --fake-discord PORT\n"
            "                 only the fake Discord, on 127.0.0.1:PORT, for a vigiad of\n"
            "                 your own: prints the webhook URL and each message it gets,\n"
            "                 until Ctrl+C; that vigiad needs, in its config,\n"
            "                   [discord]\n"
            "                   allowed_hosts = 127.0.0.1"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vigiad", metavar="PATH",
                        help="vigiad binary for the local tour (default: $VIGIAD, PATH, "
                             "then build/, build-rel/, build-ci/, build-release/ of this "
                             "repository)")
    parser.add_argument("--vigiad-url", metavar="URL", default=os.environ.get("VIGIA_URL"),
                        help="an existing vigiad (default: $VIGIA_URL); its bot token "
                             "comes from $VIGIA_TOKEN")
    parser.add_argument("--discord-webhook", metavar="URL",
                        default=os.environ.get("DISCORD_WEBHOOK"),
                        help="where notices go with --vigiad-url (default: "
                             "$DISCORD_WEBHOOK); must be in that vigiad's "
                             "[discord] allowed_hosts")
    parser.add_argument("--fake-discord", type=int, metavar="PORT",
                        help="run only the fake Discord webhook on 127.0.0.1:PORT (0: any "
                             "free port) and print what it receives, until Ctrl+C")
    parser.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                        help="give up after this long (default: 60)")
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout

    if args.fake_discord is not None:
        return serve_fake_discord(args.fake_discord)
    if args.vigiad_url:
        token = os.environ.get("VIGIA_TOKEN")
        if not token:
            parser.error("--vigiad-url needs VIGIA_TOKEN (vigiad token add --role bot "
                         "--name mybot)")
        if not args.discord_webhook:
            parser.error("--vigiad-url needs --discord-webhook (or DISCORD_WEBHOOK): "
                         "where the tour's notices go")
        # Keys of their own, and a kind of their own, so the tour neither
        # meets an earlier run nor ends the sessions of a real bot.
        bot = VoiceBot(VigiaClient(args.vigiad_url, token), args.discord_webhook,
                       kind="voice-tour")
        print(f"Tour against {args.vigiad_url}")
        try:
            failures = run_tour(bot, None, deadline, "-" + uuid.uuid4().hex[:6])
        except (OSError, RuntimeError) as error:
            failures = [f"the tour stopped: {error}"]
            print(f"  FAIL {failures[0]}")
        return report(failures)

    binary = find_vigiad(args.vigiad)
    if not binary:
        print("vigiad not found. Build it first, from the repository root:\n"
              "    bash scripts/run.sh\n"
              "or  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "
              "-DVIGIA_BUILD_TESTS=OFF -DVIGIA_BUILD_BENCH=OFF\n"
              "    cmake --build build --target vigiad\n"
              "then run this again (or pass --vigiad PATH, or set VIGIAD).", file=sys.stderr)
        return 1
    fake = FakeDiscord()
    fake.start()
    with tempfile.TemporaryDirectory(prefix="vigia-tour-") as workdir:
        vigiad = LocalVigiad(binary, workdir)
        try:
            token = vigiad.add_token()
            version = vigiad.start(deadline)
            print(f"vigiad {version} on {vigiad.url} ({binary}); "
                  f"fake Discord on {fake.webhook_url}")
            bot = VoiceBot(VigiaClient(vigiad.url, token), fake.webhook_url)
            failures = run_tour(bot, fake, deadline, "")
        except (OSError, RuntimeError, subprocess.SubprocessError) as error:
            failures = [f"the tour stopped: {error}"]
            print(f"  FAIL {failures[0]}")
        finally:
            code = vigiad.stop()
            fake.stop()
        if code is not None:
            line = f"vigiad stopped (SIGTERM) -> exit code {code}"
            print(("  ok   " if code == 0 else "  FAIL ") + line)
            if code != 0:
                failures.append(line)
        if failures and vigiad.log_tail():
            print(vigiad.log_tail())
    return report(failures)


def serve_fake_discord(port):
    """--fake-discord: the tour's fake Discord alone, for a vigiad of your own."""
    try:
        fake = FakeDiscord(port, echo=True)
    except OSError as error:
        print(f"cannot listen on 127.0.0.1:{port}: {error}", file=sys.stderr)
        return 1
    print(f"Fake Discord on 127.0.0.1:{fake.server.server_address[1]}. Send notifications to\n"
          f"    {fake.webhook_url}\n"
          "(the recipient of a discord notification, or an exit_notice). Your vigiad's\n"
          "config needs, so it posts to 127.0.0.1 over plain http:\n"
          "    [discord]\n"
          "    allowed_hosts = 127.0.0.1\n"
          "Each message received is printed below. Ctrl+C to stop.", flush=True)
    try:
        fake.server.serve_forever()
    except KeyboardInterrupt:
        print(f"\nstopped after {len(fake.messages)} message(s)")
    finally:
        fake.server.server_close()
    return 0


def report(failures):
    if not failures:
        print("Every step happened as expected.")
        return 0
    print(f"{len(failures)} step(s) did not happen as expected:")
    for line in failures:
        print("  - " + line)
    return 1


if __name__ == "__main__":
    sys.exit(main())
