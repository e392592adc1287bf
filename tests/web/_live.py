"""Helpers: a real ``armslength serve`` in a subprocess, Chromium's path, screenshots."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    db_url: str
    log: Path
    process: subprocess.Popen[bytes]
    launch_url: str | None = None
    """The printed link with the launch secret (None with --no-auth-on-loopback or tokens)."""

    @property
    def secret(self) -> str | None:
        return self.launch_url.rsplit("token=", 1)[1] if self.launch_url else None

    def auth(self) -> dict[str, str]:
        """The launch secret as a Bearer header (a script's way in)."""
        return {"Authorization": f"Bearer {self.secret}"} if self.secret else {}


LAUNCH = re.compile(r"^\s+(http://\S+/login\?token=\S+)$", re.MULTILINE)


def launch_url(log: Path) -> str | None:
    found = LAUNCH.search(log.read_text(encoding="utf-8", errors="replace"))
    return found[1] if found else None


def start_server(folder: Path, *extra: str) -> Server:
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{folder / 'audit.db'}"
    log = folder / "server.log"
    env = {**os.environ, "XDG_DATA_HOME": str(folder / "data"), "XDG_CONFIG_HOME": str(folder)}
    command = [sys.executable, "-c", "from armslength.cli import main; main()", "serve"]
    if "--db" in extra:
        db_url = extra[extra.index("--db") + 1]
    else:
        extra = ("--db", db_url, *extra)
    command += ["--port", str(port), *extra]
    with log.open("wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env)
    # No deadline: the server either starts listening or exits (a loaded machine is only slower).
    while True:
        try:
            socket.create_connection(("127.0.0.1", port)).close()
            return Server(f"http://127.0.0.1:{port}", db_url, log, process, launch_url(log))
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.1)


def stop_server(server: Server) -> None:
    server.process.terminate()
    server.process.wait()


def shot(page: Any, name: str, **kwargs: Any) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, **kwargs)
    return path
