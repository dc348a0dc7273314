"""A small Language Server Protocol client for the tests: starts ``checker lsp`` as a subprocess
and speaks JSON-RPC to it over stdio (``Content-Length`` headers), as an editor would."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any


class LspClient:
    """``checker lsp`` in a subprocess; requests wait for their response, notifications from the
    server are kept by method."""

    def __init__(self, cwd: Path, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "import sys; from checker.cli import main; sys.exit(main())", "lsp"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self._next = 0
        self._responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self.notifications: queue.Queue[dict[str, Any]] = queue.Queue()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- the wire
    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                key, _, value = line.decode("ascii").partition(":")
                headers[key.strip().lower()] = value.strip()
            body = json.loads(out.read(int(headers["content-length"])).decode("utf-8"))
            if "id" in body and "method" not in body:
                with self._lock:
                    self._responses.setdefault(body["id"], queue.Queue()).put(body)
            elif "id" in body:  # a request from the server (registerCapability …): accept it
                self._send({"id": body["id"], "result": None})
            else:
                self.notifications.put(body)

    # -- the protocol
    def request(self, method: str, params: Any) -> Any:
        """Send a request; its result (an error response fails the test)."""
        with self._lock:
            self._next += 1
            rid = self._next
            box = self._responses.setdefault(rid, queue.Queue())
        self._send({"id": rid, "method": method, "params": params})
        response = box.get(timeout=self.timeout)
        assert "error" not in response, response["error"]
        return response.get("result")

    def notify(self, method: str, params: Any) -> None:
        """Send a notification."""
        self._send({"method": method, "params": params})

    def wait_for(self, method: str, uri: str | None = None) -> dict[str, Any]:
        """The next notification ``method`` (for ``uri``), others skipped."""
        while True:
            note = self.notifications.get(timeout=self.timeout)
            if note["method"] == method and (uri is None or note["params"].get("uri") == uri):
                return note["params"]

    def initialize(self, root: Path) -> dict[str, Any]:
        """The handshake; the server's capabilities."""
        result = self.request("initialize", {
            "processId": None, "rootUri": root.as_uri(),
            "capabilities": {"general": {"positionEncodings": ["utf-16"]},
                             "textDocument": {"hover": {"contentFormat": ["markdown"]}}}})
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, version: int = 1) -> list[dict[str, Any]]:
        """Open a document; the diagnostics published for it."""
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "budget-rules", "version": version, "text": text}})
        return self.wait_for("textDocument/publishDiagnostics", uri)["diagnostics"]

    def change(self, uri: str, text: str, version: int) -> list[dict[str, Any]]:
        """Replace a document's text; the diagnostics published for it."""
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})
        return self.wait_for("textDocument/publishDiagnostics", uri)["diagnostics"]

    def close(self) -> int:
        """Shut the server down the protocol's way; its exit code."""
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            return self.proc.wait(timeout=self.timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()
