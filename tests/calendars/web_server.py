"""A tiny HTTP server on loopback for iCalendar addresses: it serves what a test gives it, or
answers with a status, or stops half-way through the body (a server gone mid-sync)."""

from __future__ import annotations

import http.server
import threading
from dataclasses import dataclass, field


@dataclass
class Served:
    body: bytes = b""
    status: int = 200
    cut_after: int | None = None  # send this many bytes of the body, then close the connection
    requests: list[str] = field(default_factory=list)


class IcsServer:
    def __init__(self) -> None:
        self.served = Served()
        served = self.served

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                served.requests.append(self.path)
                if served.status != 200:
                    self.send_error(served.status)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar; charset=utf-8")
                self.send_header("Content-Length", str(len(served.body)))
                self.end_headers()
                try:
                    if served.cut_after is None:
                        self.wfile.write(served.body)
                    else:
                        self.wfile.write(served.body[: served.cut_after])
                        self.wfile.flush()
                        self.close_connection = True
                except (BrokenPipeError, ConnectionResetError):  # the reader stopped reading
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # serve_forever looks for shutdown() between polls: half a second by default, which
        # each test waited out at its end.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, secret: str = "s3cr3t-token") -> str:
        return f"http://127.0.0.1:{self.port}/calendar/ical/{secret}/basic.ics"

    def serve(self, body: str | bytes, *, status: int = 200, cut_after: int | None = None) -> None:
        self.served.body = body.encode() if isinstance(body, str) else body
        self.served.status = status
        self.served.cut_after = cut_after

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
