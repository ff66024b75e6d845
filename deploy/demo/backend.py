#!/usr/bin/python3
"""A stand-in for one application stack: an HTTP server with a health endpoint.

    backend.py --listen 127.0.0.10:18080 --name primary

GET /healthz answers 200 "ok primary" while healthy and 503 while failing;
any other path answers "hello from primary". Signals switch it, so the demo
and the end-to-end tests can make a stack fail without stopping it:

    kill -USR1 PID   start failing (503)
    kill -USR2 PID   healthy again (200)
    kill PID         stop (connections are then refused)

Only the standard library: it runs wherever python3 does.
"""

import argparse
import http.server
import signal
import sys
import threading


class Health:
    def __init__(self):
        self._ok = True
        self._lock = threading.Lock()

    def set(self, ok):
        with self._lock:
            self._ok = ok

    def ok(self):
        with self._lock:
            return self._ok


def make_handler(name, health):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "flipdns-demo-backend"

        def do_GET(self):
            if self.path.split("?")[0] == "/healthz":
                status = 200 if health.ok() else 503
                body = f"{'ok' if status == 200 else 'failing'} {name}\n"
            else:
                status, body = 200, f"hello from {name}\n"
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt, *args):
            pass  # health checks every second would drown the demo's terminal

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--listen", required=True, help="ADDR:PORT, e.g. 127.0.0.10:18080")
    parser.add_argument("--name", required=True, help="the stack's name, e.g. primary")
    parser.add_argument("--failing", action="store_true", help="start failing (503)")
    args = parser.parse_args()
    host, _, port = args.listen.rpartition(":")

    health = Health()
    health.set(not args.failing)
    server = http.server.ThreadingHTTPServer((host, int(port)), make_handler(args.name, health))
    signal.signal(signal.SIGUSR1, lambda *_: health.set(False))
    signal.signal(signal.SIGUSR2, lambda *_: health.set(True))
    # SIGTERM ends serve_forever from another thread, then the socket closes.
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"backend {args.name} listening on {host}:{port}", file=sys.stderr, flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
