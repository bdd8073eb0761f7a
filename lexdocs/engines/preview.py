"""`lexdocs serve --engine zensical`: Zensical's own live server on the content tree.

Zensical watches the folder it builds from; lexdocs watches the project (sources,
docs, theme overrides, mkdocs.yml, and git's refs, so a commit made during the
session is shown) and, on a change, makes the tree again and writes only the files
that changed into that folder. Zensical then rebuilds what they touch. The committed
side is remembered between saves (`lexdocs.recall`, the render memo), as under
`mkdocs serve`; PDFs are never made while previewing.
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from lexdocs.config import MKDOCS_FILE
from lexdocs.engines import engine_command, zensical
from lexdocs.engines.tree import Content, content_tree
from lexdocs.errors import LexdocsError
from lexdocs.history.versions import ref_files
from lexdocs.pipeline import Caches
from lexdocs.publish.memo import RenderMemo
from lexdocs.recall import Remembered

POLL = 0.5
"""Seconds between looks at the project, as MkDocs' own watcher polls."""


def stamp(project: Path, site: zensical.Site) -> tuple[tuple[str, int, int], ...]:
    """Every watched file's path, size and modification time: equal stamps, same input."""
    opts = site.options
    tops = [project / opts.source_dir, site.docs_dir,
            *([site.custom_dir] if site.custom_dir else [])]
    files = [project / MKDOCS_FILE, *ref_files(project)]
    for top in tops:
        if top.is_dir():
            files.extend(p for p in top.rglob("*") if p.is_file())
    out = []
    for path in sorted(files):
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class Preview:
    """The work folder of one session, made again from the project on every change."""

    def __init__(self, project: Path, work: Path, info: Callable[[str], None]) -> None:
        self.project = project
        self.work = work
        self.info = info
        self.caches = Caches(recall=Remembered())
        self.memo = RenderMemo()
        self.written: dict[Path, Content] = {}

    def update(self) -> zensical.Site:
        """Write the tree as the project is now; a LexdocsError leaves the last one."""
        site = zensical.read_site(self.project)
        tree = content_tree(site.options, site.theme, info=self.info, debug=lambda _: None,
                            caches=self.caches, memo=self.memo, render_pdfs=False)
        if tree.left_out:
            self.info(f"preview: {tree.left_out} PDF(s) left out; 'lexdocs build' makes them")
        zensical.prune(self.work, zensical.write_work(self.work, site, tree, self.written))
        return site


def serve(project: Path, dev_addr: str, info: Callable[[str], None]) -> None:
    """Serve until interrupted; a bad save is reported and the last good site kept."""
    zensical.engine_available()
    site = zensical.read_site(project)
    with zensical.work_folder(site) as work:
        preview = Preview(project, work, info)
        site = preview.update()  # a problem now is the command's error, before any server
        seen = stamp(project, site)
        cmd = engine_command("zensical", "serve", "--dev-addr", dev_addr,
                             "--config-file", str(work / MKDOCS_FILE))
        server = subprocess.Popen(cmd, cwd=work, env=zensical.engine_env(work))
        signal.signal(signal.SIGTERM, _interrupt)  # stopped as by Ctrl-C: server and folder go
        try:
            while server.poll() is None:
                time.sleep(POLL)
                now = stamp(project, site)
                if now == seen:
                    continue
                seen = now
                try:
                    site = preview.update()
                except LexdocsError as exc:
                    info(f"error: {exc} (the preview shows the last good version)")
        except KeyboardInterrupt:
            pass
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
