"""`mkdocs serve` previews a lawyer's edit: it rebuilds when policy_src/ changes.

A save re-renders only the pages it can change; archived version pages come
from the content-keyed cache of themed pages, and no PDF is rendered while
previewing (WeasyPrint would make every save wait).
"""

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


def test_serve_rebuilds_when_a_variable_changes(project: Repo, tmp_path: Path) -> None:
    project.replace("mkdocs.yml", "pdf: false", "pdf: true")
    project.commit("PDFs on", "2024-09-11T10:00:00+00:00")
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen([MKDOCS, "serve", "-a", f"127.0.0.1:{port}", "--livereload"],
                                  cwd=project.path, env=env, stdout=log, stderr=log)
    try:
        base = f"http://127.0.0.1:{port}/legal/privacy/"
        first = fetch_until(base, "Last Updated", 60)
        assert "September 2024" in first and "90 days" in first
        project.replace("policy_src/variables.yml", "90 days", "45 days")
        after = fetch_until(base, "45 days", 60)
        assert "45 days" in after
        assert "Draft — not published" in after
        archived = fetch_until(base + "versions/2024-09-01/", "Last Updated", 10)
        assert "90 days" in archived and "45 days" not in archived
        project.replace("policy_src/variables.yml", "45 days", "90 days")
        back = fetch_until(base, "September 2024", 60)
        assert "Draft — not published" not in back and "90 days" in back
    finally:
        server.terminate()
        server.wait(timeout=20)
    text = log_path.read_text()
    assert "unchanged page(s) reused" in text, text
    assert "PDF(s) left out; PDFs are made by 'mkdocs build'" in text
    assert not (project.path / ".cache" / "lexdocs" / "pdf").exists() or not any(
        (project.path / ".cache" / "lexdocs" / "pdf").glob("*.pdf")), "serve rendered a PDF"
    assert "Traceback" not in text
