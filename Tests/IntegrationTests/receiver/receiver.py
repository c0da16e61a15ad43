#!/usr/bin/env python3
"""A webhook receiver for the notify tests: an HTTP server on loopback that records every POST it
accepts, checks its X-FireWatch-Signature with the secret it is given (its own HMAC, not the daemon's),
and behaves as the mode file says: `ok` answers 200, `fail` 503, `gone` 404, `stall` holds the
request until the mode changes. Prints "port N" once listening.

    receiver.py --log FILE --mode-file FILE [--secret-file FILE]
"""
import argparse
import base64
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--mode-file", required=True)
    ap.add_argument("--secret-file")
    args = ap.parse_args()
    secret = open(args.secret_file, "rb").read().rstrip() if args.secret_file else None

    def mode():
        try:
            return open(args.mode_file).read().strip() or "ok"
        except OSError:
            return "ok"

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            m = mode()
            if m == "stall":
                with LOCK, open(args.log, "a") as f:
                    f.write(json.dumps({"path": self.path, "status": 0, "delivery": self.headers.get("X-FireWatch-Delivery"),
                                        "timestamp": "", "body": ""}) + "\n")
            while m == "stall":
                time.sleep(0.05)
                m = mode()
            status = {"ok": 200, "fail": 503, "gone": 404}.get(m, 200)
            ts = self.headers.get("X-FireWatch-Timestamp", "")
            sig = self.headers.get("X-FireWatch-Signature", "")
            valid = None
            if secret is not None:
                want = "sha256=" + hmac.new(secret, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
                valid = hmac.compare_digest(want, sig)
            record = {"path": self.path, "status": status, "delivery": self.headers.get("X-FireWatch-Delivery"),
                      "event": self.headers.get("X-FireWatch-Event"), "content_type": self.headers.get("Content-Type"),
                      "timestamp": ts, "signature_valid": valid, "body": base64.b64encode(body).decode()}
            with LOCK, open(args.log, "a") as f:
                f.write(json.dumps(record) + "\n")
            reply = b"ok" if status == 200 else b"no"
            self.send_response(status)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"port {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
