#!/usr/bin/env python3
"""A WhatsApp gateway that speaks WAHA's HTTP API on loopback, for demos and
screenshots: the session is WORKING, sendText answers 201 with a message id,
and no webhook is ever sent (as on a first install where WAHA's webhooks do
not point at vigiad yet). Usage: demo_waha.py PORT"""
import json
import sys
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Waha(BaseHTTPRequestHandler):
    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/api/sessions/"):
            self._answer(200, {"name": self.path.rsplit("/", 1)[-1], "status": "WORKING"})
        elif self.path == "/ping":
            self._answer(200, {"message": "pong"})
        else:
            self._answer(404, {"error": "not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.path == "/api/sendText":
            chat = body.get("chatId", "")
            self._answer(201, {"id": f"true_{chat}_{uuid.uuid4().hex[:16].upper()}"})
        else:
            self._answer(404, {"error": "not found"})

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Waha).serve_forever()
