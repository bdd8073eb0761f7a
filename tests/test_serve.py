"""`mkdocs serve` previews a lawyer's edit: it rebuilds when policy_src/ changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import Repo

MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch_until(url: str, needle: str, seconds: float) -> str:
    """The page once it contains `needle`, polling; the last text seen if it never does."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                text = response.read().decode("utf-8")
            if needle in text:
                return text
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    return text


def test_serve_rebuilds_when_a_variable_changes(project: Repo) -> None:
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([MKDOCS, "serve", "-a", f"127.0.0.1:{port}", "--livereload"],
                              cwd=project.path, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/legal/privacy/"
        first = fetch_until(url, "Last Updated", 60)
        assert "September 2024" in first and "90 days" in first
        project.replace("policy_src/variables.yml", "90 days", "45 days")
        after = fetch_until(url, "45 days", 60)
        assert "45 days" in after
        assert "Draft — not published" in after
    finally:
        server.terminate()
        server.wait(timeout=20)
