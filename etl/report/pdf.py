"""PDF through headless Chromium, offline.

One Chromium process serves a whole pack: it is started with
``--remote-debugging-pipe`` and driven over the DevTools protocol on two pipes
(file descriptors 3 and 4, NUL-separated JSON; no network port, no extra
package), loading each report from a local file and printing it with
``Page.printToPDF`` (``preferCSSPageSize``: the report's ``@page`` rule sets A4).
That costs about 0.1 s a page instead of a second or more for a new Chromium per
file. If the pipe cannot be set up, each file is printed with
``chromium --headless --print-to-pdf`` instead.

Chromium never fetches anything: the reports are self-contained and every host
name resolves to nothing (``--host-resolver-rules``). The executable is
``LEEFLOON_CHROMIUM`` if set, else the first of chromium, chromium-browser,
google-chrome on the PATH.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 60.0
TAGGED = True
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-pings",
    "--mute-audio", "--host-resolver-rules=MAP * ~NOTFOUND",
]
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_EXEC_WITH_PIPES = (
    "import os, sys\n"
    "r, w = int(sys.argv[1]), int(sys.argv[2])\n"
    "os.dup2(r, 3); os.dup2(w, 4); os.close(r); os.close(w)\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)


class PdfError(RuntimeError):
    """Chromium is missing or could not print."""


def find_chromium() -> str | None:
    """The Chromium executable to use, or None."""
    configured = os.environ.get("LEEFLOON_CHROMIUM", "").strip()
    if configured:
        found = shutil.which(configured)
        return found if found else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def page_count(pdf: bytes) -> int:
    """Pages of a PDF as Chromium writes it (page objects are not compressed)."""
    return len(_PAGE.findall(pdf))


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class ChromiumPrinter:
    """Print local HTML files to PDF with one headless Chromium (use as a context manager)."""

    def __init__(self, executable: str | None = None, timeout: float = TIMEOUT_SECONDS):
        self.executable = executable or find_chromium()
        if not self.executable:
            raise PdfError("no Chromium found for PDF output (looked for "
                           f"{', '.join(CHROMIUM_NAMES)}; set LEEFLOON_CHROMIUM to its path)")
        self.timeout = timeout
        self.mode = "pipe"
        self._proc: subprocess.Popen | None = None
        self._profile: str | None = None
        self._buf = b""
        self._id = 0
        self._events: list[dict] = []
        self._session: str | None = None
        self._w: int | None = None
        self._r: int | None = None

    # -- lifecycle
    def __enter__(self) -> ChromiumPrinter:
        try:
            self._start()
        except (OSError, PdfError, TimeoutError, EOFError, ValueError, KeyError):
            self._stop()
            self.mode = "cli"
        return self

    def __exit__(self, *exc) -> None:
        self._stop()

    def _start(self) -> None:
        self._profile = tempfile.mkdtemp(prefix="leefloon-chromium-")
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        # Chromium reads commands on fd 3 and answers on fd 4. The child's ends are
        # moved above 9 and a tiny Python wrapper puts them on 3 and 4 before exec
        # (no preexec_fn: it is not safe while DuckDB's threads run).
        child_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_child_r)
        os.close(from_child_w)
        self._w, self._r = to_child_w, from_child_r
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-I", "-c", _EXEC_WITH_PIPES, str(child_r), str(child_w),
                 self.executable, *FLAGS, "--remote-debugging-pipe",
                 f"--user-data-dir={self._profile}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                pass_fds=(child_r, child_w),
            )
        finally:
            os.close(child_r)
            os.close(child_w)
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self._send("Page.enable", session=True)

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        try:
            if proc is not None and proc.poll() is None:
                try:
                    self._send_raw({"id": self._id + 1, "method": "Browser.close"})
                except OSError:
                    pass
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
        finally:
            for fd in (self._w, self._r):
                if fd is not None:
                    try:
                        os.close(fd)
                    except OSError:
                        pass
            self._w = self._r = None
            if self._profile:
                shutil.rmtree(self._profile, ignore_errors=True)
                self._profile = None

    # -- the DevTools pipe
    def _send_raw(self, message: dict) -> None:
        os.write(self._w, json.dumps(message).encode() + b"\0")

    def _send(self, method: str, params: dict | None = None, session: bool = False) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        self._send_raw(message)
        while True:
            reply = self._recv()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise PdfError(f"Chromium: {method} failed: {reply['error'].get('message')}")
                return reply.get("result", {})
            self._events.append(reply)

    def _recv(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"Chromium did not answer within {self.timeout:.0f} s")
            ready, _, _ = select.select([self._r], [], [], left)
            if ready:
                chunk = os.read(self._r, 1 << 20)
                if not chunk:
                    raise EOFError("Chromium closed the DevTools pipe")
                self._buf += chunk
        message, _, self._buf = self._buf.partition(b"\0")
        return json.loads(message)

    def _wait_event(self, name: str) -> dict:
        while True:
            for i, event in enumerate(self._events):
                if event.get("method") == name and event.get("sessionId") == self._session:
                    return self._events.pop(i)
            self._events.append(self._recv())

    # -- printing
    def print_to_pdf(self, html_path: Path, pdf_path: Path) -> bytes:
        """Print one local HTML file to ``pdf_path`` (written atomically); returns the bytes."""
        html_path = Path(html_path).resolve()
        if self.mode == "pipe" and self._proc is not None:
            try:
                data = self._print_pipe(html_path)
            except (OSError, TimeoutError, EOFError, ValueError, KeyError) as exc:
                raise PdfError(f"Chromium could not print {html_path.name}: {exc}") from None
        else:
            data = self._print_cli(html_path)
        _write_atomic(Path(pdf_path), data)
        return data

    def _print_pipe(self, html_path: Path) -> bytes:
        self._events.clear()
        nav = self._send("Page.navigate", {"url": html_path.as_uri()}, session=True)
        if nav.get("errorText"):
            raise PdfError(f"Chromium could not open {html_path.name}: {nav['errorText']}")
        self._wait_event("Page.loadEventFired")
        result = self._send("Page.printToPDF", {
            "printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False, "generateTaggedPDF": TAGGED,
        }, session=True)
        return base64.b64decode(result["data"])

    def measure(self, html_path: Path, width_mm: float = 186.0) -> dict[str, float]:
        """Lay a report out as printed (print media, the A4 text width) and return its
        ``width``, ``scroll_width`` and ``height`` in CSS pixels: a diagnostic for
        content that would be cut off at the right or run onto a second page."""
        if self.mode != "pipe" or self._proc is None:
            raise PdfError("measuring needs Chromium's DevTools pipe")
        width = round(width_mm / 25.4 * 96)
        self._send("Emulation.setEmulatedMedia", {"media": "print"}, session=True)
        self._send("Emulation.setDeviceMetricsOverride",
                   {"width": width, "height": 4000, "deviceScaleFactor": 1, "mobile": False}, session=True)
        try:
            self._events.clear()
            self._send("Page.navigate", {"url": Path(html_path).resolve().as_uri()}, session=True)
            self._wait_event("Page.loadEventFired")
            result = self._send("Runtime.evaluate", {
                "expression": "JSON.stringify([document.documentElement.clientWidth, "
                              "document.documentElement.scrollWidth, "
                              "document.querySelector('main').getBoundingClientRect().bottom])",
                "returnByValue": True}, session=True)
        finally:
            self._send("Emulation.clearDeviceMetricsOverride", session=True)
            self._send("Emulation.setEmulatedMedia", {"media": ""}, session=True)
        client, scroll, height = json.loads(result["result"]["value"])
        return {"width": client, "scroll_width": scroll, "height": height}

    def _print_cli(self, html_path: Path) -> bytes:
        with tempfile.TemporaryDirectory(prefix="leefloon-chromium-") as tmp:
            out = Path(tmp) / "out.pdf"
            try:
                proc = subprocess.run(
                    [self.executable, *FLAGS, f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                     f"--print-to-pdf={out}", html_path.as_uri()],
                    stdin=subprocess.DEVNULL, capture_output=True, timeout=self.timeout,
                )
            except subprocess.TimeoutExpired:
                raise PdfError(f"Chromium did not print {html_path.name} within {self.timeout:.0f} s") from None
            if not out.exists():
                tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
                raise PdfError(f"Chromium could not print {html_path.name}: {' '.join(tail) or proc.returncode}")
            return out.read_bytes()


def html_to_pdf(html: str, executable: str | None = None) -> bytes:
    """One report's HTML as PDF bytes (for the dashboard's download)."""
    with tempfile.TemporaryDirectory(prefix="leefloon-report-") as tmp:
        src = Path(tmp) / "report.html"
        src.write_text(html, encoding="utf-8")
        with ChromiumPrinter(executable) as printer:
            return printer.print_to_pdf(src, Path(tmp) / "report.pdf")
