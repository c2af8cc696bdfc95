"""The catalogue's revision history, read from git: which commits changed which SOP source.

One ``git log`` pass reads the history of the whole source tree (never one process per file): with ``--raw``
every change carries the blob ids before and after it, so a version is compared with its own parent's blob
whatever the shape of the history, and renames are followed (``-M``) to the file's current path. Merge
commits are not versions (``--no-merges``): the commits a merge brings in are, each with its own date and
message, so a change made on a branch is dated when it was made. Old file contents come from one
``git cat-file --batch`` process, for the blobs a caller asks for.

No git, no repository, a repository git refuses (another owner), a shallow clone: none of these fails. The
result says what is missing (:attr:`GitHistory.note`) and holds what could be read.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: Separators of the ``git log`` output: a record separator opens each commit, a unit separator ends each of
#: its header fields. Neither occurs in commit metadata in practice; the raw entries that follow are
#: NUL-separated (``-z``), so no path is quoted or mangled.
_RS, _US = "\x1e", "\x1f"
_FORMAT = f"{_RS}%H{_US}%P{_US}%cI{_US}%B{_US}"
#: git must answer quickly; a history read is never worth a hung build.
GIT_TIMEOUT_S = 300


@dataclass(frozen=True)
class Change:
    """One commit's change to one source file, as ``git log --raw`` states it."""

    commit: str
    date: dt.datetime  # the committer date, with its offset
    message: str
    status: str  # A (added), M (modified), R (renamed, maybe modified), C (copied), T (type change)
    blob: str  # the file's blob after the commit
    parent_blob: str | None  # before it; None when the file was added
    path: str  # path at this commit, relative to the repository
    old_path: str | None = None  # for renames and copies
    boundary: bool = False  # the commit is a shallow clone's boundary: its "additions" are not known to be


@dataclass(frozen=True)
class GitHistory:
    """The changes of every source file under a folder, newest first, keyed by the file's current path."""

    available: bool
    note: str | None = None  # why the history is missing or incomplete, for readers (Indonesian)
    shallow: bool = False
    toplevel: Path | None = None
    changes: dict[str, tuple[Change, ...]] = field(default_factory=dict)  # repository path -> newest first
    git: str = "git"
    root: Path | None = None  # the folder read, as given
    prefix: str = ""  # that folder's path in the repository ("" at the top level)
    modified: frozenset[str] = frozenset()  # repository paths whose file differs from HEAD (not committed)

    def path_of(self, path: Path) -> str | None:
        """The repository path of the file at ``path`` (a file under :attr:`root`)."""
        if self.toplevel is None or self.root is None:
            return None
        # Plain strings: this is asked twice per SOP, 20,000 times for a large catalogue.
        absolute, root = os.path.abspath(path), f"{self.root}{os.sep}"
        if absolute.startswith(root):
            rel = absolute[len(root) :].replace(os.sep, "/")
            return f"{self.prefix}/{rel}" if self.prefix else rel
        try:  # elsewhere: git names the top level with symlinks resolved, so must the path be
            return Path(os.path.realpath(path)).relative_to(self.toplevel).as_posix()
        except ValueError:
            return None

    def of(self, path: Path) -> tuple[Change, ...]:
        """The changes of the file now at ``path``, newest first."""
        rel = self.path_of(path)
        return self.changes.get(rel, ()) if rel is not None else ()

    def is_modified(self, path: Path) -> bool:
        """Whether the file at ``path`` differs from its committed version."""
        return self.path_of(path) in self.modified


NO_GIT = "git tidak terpasang pada mesin yang membangun situs ini"
NO_REPOSITORY = "sumber katalog tidak berada dalam repositori git"
SHALLOW = (
    "situs dibangun dari salinan repositori yang dangkal (shallow clone): versi sebelum commit tertua yang "
    "tersalin tidak diketahui"
)


def _run(git: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    return subprocess.run(
        [git, *args], cwd=cwd, capture_output=True, check=False, timeout=GIT_TIMEOUT_S, env=env
    )


def read_git_history(root: Path, *, git: str = "git") -> GitHistory:
    """Every change to the files under ``root`` in the history of HEAD, renames followed to today's paths."""
    root = Path(os.path.abspath(root))
    try:
        probe = _run(
            git, ["rev-parse", "--show-toplevel", "--is-shallow-repository", "--show-prefix", "HEAD"], root
        )
    except FileNotFoundError:
        return GitHistory(False, NO_GIT, git=git)
    except (OSError, subprocess.SubprocessError) as exc:
        return GitHistory(False, f"git tidak dapat dijalankan ({type(exc).__name__})", git=git)
    if probe.returncode != 0:
        return GitHistory(False, _refusal(probe.stderr), git=git)
    lines = probe.stdout.decode("utf-8", "replace").splitlines()
    if len(lines) < 4:
        return GitHistory(False, NO_REPOSITORY, git=git)
    toplevel, shallow, prefix = Path(lines[0]), lines[1].strip() == "true", lines[2].strip().rstrip("/")
    try:
        log = _run(
            git,
            [
                "-c",
                "log.showSignature=false",
                "log",
                "-z",
                "--raw",
                "--no-abbrev",
                "-M",
                "--no-merges",
                f"--format={_FORMAT}",
                "HEAD",
                "--",
                ".",
            ],
            root,
        )
        # Files that differ from HEAD (edited, not committed yet): git answers from its index's stat cache.
        diff = _run(git, ["diff", "HEAD", "--no-renames", "--name-only", "-z", "--", "."], root)
    except (OSError, subprocess.SubprocessError) as exc:
        return GitHistory(False, f"git tidak dapat dijalankan ({type(exc).__name__})", git=git)
    if log.returncode != 0:
        return GitHistory(False, _refusal(log.stderr), git=git)
    changes = _follow_renames(parse_log(log.stdout.decode("utf-8", "replace"), shallow))
    modified = frozenset(p for p in diff.stdout.decode("utf-8", "replace").split("\x00") if p)
    return GitHistory(
        True, SHALLOW if shallow else None, shallow, toplevel, changes, git, root, prefix, modified
    )


def _refusal(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    if "not a git repository" in text:
        return NO_REPOSITORY
    if "dubious ownership" in text:
        return (
            "git menolak membaca repositori ini (pemiliknya pengguna lain; lihat `git config safe.directory`)"
        )
    if (
        "does not have any commits" in text
        or "unknown revision" in text
        or "ambiguous argument 'HEAD'" in text
    ):
        return "repositori git belum memiliki commit"
    return "riwayat git tidak dapat dibaca"


def parse_log(text: str, shallow: bool = False) -> list[Change]:
    """The changes in ``git log -z --raw --no-abbrev --format=<_FORMAT>`` output, newest commit first."""
    out: list[Change] = []
    for record in text.split(_RS)[1:]:
        commit, parents, date, message, raw = record.split(_US, 4)
        when = dt.datetime.fromisoformat(date)
        # In a shallow clone the oldest commits copied have their parents cut off: git shows them as root
        # commits adding every file, which is not what happened.
        boundary = shallow and not parents.strip()
        fields = raw.lstrip("\n\x00").split("\x00")
        i = 0
        while i < len(fields):
            head = fields[i]
            if not head.startswith(":"):
                i += 1
                continue
            _, _, old_blob, new_blob, status = head[1:].split(" ", 4)
            kind = status[:1]
            if kind in ("R", "C"):
                old_path, path = fields[i + 1], fields[i + 2]
                i += 3
            else:
                old_path, path = None, fields[i + 1]
                i += 2
            if kind == "D":
                out.append(Change(commit, when, message.strip(), "D", "", old_blob, path, None, boundary))
                continue
            # A copy (C) starts a file of its own: its history begins there, like an addition.
            parent = None if kind in ("A", "C") or set(old_blob) == {"0"} else old_blob
            out.append(
                Change(commit, when, message.strip(), kind, new_blob, parent, path, old_path, boundary)
            )
    return out


def _follow_renames(changes: list[Change]) -> dict[str, tuple[Change, ...]]:
    """Group changes by the path each file has today. Walking from newest to oldest, a rename A → B means
    the older changes of A belong to the file now known as whatever B became."""
    current: dict[str, str] = {}  # path at some commit -> path at HEAD
    deleted_later: set[str] = set()  # paths deleted after (newer than) the changes still to come
    by_path: dict[str, list[Change]] = {}
    for change in changes:
        if change.status == "D":
            # A file deleted later (and not re-added) has no page today; a re-added one starts afresh.
            if change.path not in current:
                deleted_later.add(change.path)
            continue
        if change.path in deleted_later and change.path not in current:
            continue
        head_path = current.setdefault(change.path, change.path)
        by_path.setdefault(head_path, []).append(change)
        if change.status == "R" and change.old_path is not None:
            current[change.old_path] = head_path
            current.pop(change.path, None)  # the name before this commit was old_path
            deleted_later.discard(change.old_path)
        elif change.status in ("A", "C"):
            current.pop(change.path, None)  # older changes of this path belong to an earlier file
            deleted_later.add(change.path)
    return {path: tuple(found) for path, found in by_path.items()}


def read_blobs(history: GitHistory, ids: Iterable[str]) -> dict[str, bytes]:
    """The contents of the given blobs, read by one ``git cat-file --batch`` process; missing ones are left out."""
    wanted = sorted(set(ids))
    if not wanted or history.toplevel is None:
        return {}
    try:
        result = subprocess.run(
            [history.git, "cat-file", "--batch"],
            cwd=history.toplevel,
            input="".join(f"{i}\n" for i in wanted).encode(),
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT_S,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    data, pos, out = result.stdout, 0, {}
    for wanted_id in wanted:
        end = data.find(b"\n", pos)
        if end < 0:
            break
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # "<id> missing" (a shallow clone's cut-off object) or not a blob
        size = int(header[2])
        out[wanted_id] = data[pos : pos + size]
        pos += size + 1  # the content is followed by a newline
    return out
