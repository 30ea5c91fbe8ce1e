"""The embedded default: an ArcadeDB server with its Bolt plugin, in a child process.

The server always runs in a process of its own (``python -m graph.embedded``),
which holds an exclusive lock on its data folder for as long as it lives, so
two servers can never open the same data. Its Bolt and HTTP ports, pid and
mode are kept in ``server.json`` beside the data; the generated root password
in ``credentials.json`` (mode 0600).

Modes: ``daemon`` (``diplograph db start``; any command shares it) and
``command`` (started for one command and stopped after it; a second command
is refused while it runs, since the first would stop it under the second).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.errors import EmbeddedError

log = logging.getLogger(__name__)

DEFAULT_DIR_NAME = ".diplograph"
DATABASE = "diplograph"
USERNAME = "root"
EXIT_LOCKED = 3
START_TIMEOUT = 120.0
STOP_TIMEOUT = 60.0


@dataclass(frozen=True)
class ServerInfo:
    """A running embedded server, as its state file describes it."""

    data_dir: str
    pid: int
    mode: str
    owner: int
    bolt_port: int
    http_port: int
    database: str
    started: float
    password: str = ""
    username: str = USERNAME

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"


@dataclass(frozen=True)
class Status:
    """What ``db status`` reports."""

    data_dir: Path
    running: bool
    uri: str | None
    mode: str | None
    pid: int | None
    owner: int | None = None
    database: str | None = None
    held: bool = False  # the data is locked by a server that is starting or stopping


def data_dir(explicit: Path | str | None = None, start: Path | None = None) -> Path:
    """The data folder: the argument, else ``DIPLOGRAPH_HOME``, else the nearest ``.diplograph``
    in the current folder or above it (as git finds ``.git``), else ``./.diplograph``."""
    chosen = explicit or os.environ.get("DIPLOGRAPH_HOME") or find_data_dir(start or Path.cwd())
    return Path(chosen or Path(start or Path.cwd()) / DEFAULT_DIR_NAME).expanduser().resolve()


def find_data_dir(start: Path) -> Path | None:
    """The nearest ``.diplograph`` folder in ``start`` or one of its parents, or None."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_DIR_NAME
        if candidate.is_dir():
            return candidate
    return None


def _state_path(folder: Path) -> Path:
    return folder / "server.json"


def _lock_path(folder: Path) -> Path:
    return folder / "server.lock"


def ensure_folder(folder: Path) -> None:
    """The data folder, made if missing, readable by its owner only (mode 0700)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        folder.chmod(0o700)
    except PermissionError:
        log.warning("cannot make %s private to its owner (chmod 700)", folder)


def _password(folder: Path) -> str:
    """The root password, generated once and kept in the data folder."""
    path = folder / "credentials.json"
    if not path.exists():
        _create_credentials(folder, path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EmbeddedError(f"cannot read the database password in {path}: {exc.strerror or exc}") from None
    try:
        return str(json.loads(raw)["password"])
    except (ValueError, KeyError, TypeError):
        reason = "it is empty" if not raw.strip() else "it holds no password"
        raise EmbeddedError(
            f"cannot read the database password in {path} ({reason}); restore it from a backup, "
            f"or move {folder} aside to start an empty database"
        ) from None


def _create_credentials(folder: Path, path: Path) -> None:
    """Write a new password atomically: a complete private file is linked into place, and a file
    another process linked first is kept, so every process reads the same password."""
    ensure_folder(folder)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".credentials-", suffix=".tmp")  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"username": USERNAME, "password": secrets.token_urlsafe(24)}, fh)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        os.unlink(tmp)


def _locked(folder: Path) -> bool:
    """True while some server process holds the folder's lock."""
    path = _lock_path(folder)
    if not path.exists():
        return False
    with open(path, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
    return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running(folder: Path) -> ServerInfo | None:
    """The server serving ``folder``, or None (a stale state file is ignored)."""
    path = _state_path(folder)
    if not path.is_file() or not _locked(folder):
        return None
    password = _password(folder)
    try:
        state = json.loads(path.read_text())
        info = ServerInfo(**state, password=password)
    except (ValueError, TypeError, KeyError, OSError):
        return None
    return info if _pid_alive(info.pid) else None


def status(folder: Path) -> Status:
    """Whether a server runs on ``folder``, in which mode and for whom."""
    info = running(folder)
    if info is None:
        return Status(folder, False, None, None, None, held=_locked(folder))
    return Status(folder, True, info.uri, info.mode, info.pid, info.owner, info.database)


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _tail(path: Path, lines: int = 1) -> str:
    if not path.is_file():
        return ""
    text = [ln for ln in path.read_text(errors="replace").splitlines() if ln.strip()]
    return " ".join(text[-lines:])[:300]


def start(
    folder: Path, mode: str = "daemon", timeout: float = START_TIMEOUT, bolt_port: int | None = None
) -> ServerInfo:
    """Start a server on ``folder`` (on ``bolt_port``, or a free port) and wait until Bolt
    answers; return the running one if there already is one."""
    existing = running(folder)
    if existing:
        return existing
    if bolt_port is not None and _port_open(bolt_port):
        raise EmbeddedError(f"port {bolt_port} is in use by another program; choose another --bolt-port")
    ensure_folder(folder)
    _password(folder)
    log_path = folder / "server.log"
    command = [
        sys.executable,
        "-m",
        "graph.embedded",
        "serve",
        str(folder),
        "--mode",
        mode,
        "--owner",
        str(os.getpid()),
    ]
    if bolt_port is not None:
        command += ["--bolt-port", str(bolt_port)]
    with open(log_path, "ab") as log_file:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
            start_new_session=True,
            cwd=folder,  # ArcadeDB writes ./log under the working folder: keep it beside the data
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = proc.poll()
        if code == EXIT_LOCKED:
            other = _wait_for_other(folder, deadline)
            if other:
                return other
            raise EmbeddedError(f"another process holds the embedded database in {folder}")
        if code is not None:
            raise EmbeddedError(
                f"the embedded server exited (code {code}) while starting; see {log_path}: {_tail(log_path)}"
            )
        info = running(folder)
        if info and info.pid == proc.pid and _port_open(info.bolt_port):
            return info
        time.sleep(0.2)
    proc.terminate()
    raise EmbeddedError(f"the embedded server did not answer within {timeout:.0f} s; see {log_path}")


def _wait_for_other(folder: Path, deadline: float) -> ServerInfo | None:
    """Another process won the race to start: wait until its server answers."""
    while time.monotonic() < deadline:
        info = running(folder)
        if info and _port_open(info.bolt_port):
            return info
        if not _locked(folder):
            return None
        time.sleep(0.2)
    return None


def stop(folder: Path, timeout: float = STOP_TIMEOUT) -> bool:
    """Stop the server on ``folder``; False if none was running."""
    info = running(folder)
    if info is None:
        return False
    os.kill(info.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _pid_alive(info.pid) or not _locked(folder):
            return True
        time.sleep(0.2)
    os.kill(info.pid, signal.SIGKILL)
    return True


@contextmanager
def serving(folder: Path) -> Iterator[ServerInfo]:
    """A server for the length of a block: the running daemon, or one of our own."""
    info = running(folder)
    if info is None:
        info = start(folder, mode="command")
        if info.owner != os.getpid() and info.mode == "command":
            raise _in_use(folder, info)
        if info.owner == os.getpid():
            try:
                yield info
            finally:
                stop(folder)
            return
    if info.mode != "daemon":
        raise _in_use(folder, info)
    yield info


def _in_use(folder: Path, info: ServerInfo) -> EmbeddedError:
    return EmbeddedError(
        f"the embedded database in {folder} is in use by another diplograph command "
        f"(pid {info.owner}); wait for it, or run `diplograph db start` so commands share one server"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(folder: Path, mode: str, owner: int, bolt_port: int | None = None) -> int:
    """The server process: hold the lock, run ArcadeDB, write the state, wait for SIGTERM."""
    ensure_folder(folder)
    lock = open(_lock_path(folder), "a")  # noqa: SIM115 - held for the life of the process
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"another server holds {folder}", file=sys.stderr)
        return EXIT_LOCKED
    stopping = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.set())

    from arcadedb_embedded.server import ArcadeDBServer

    bolt_port, http_port = bolt_port or _free_port(), _free_port()
    root = folder / "server"
    server = ArcadeDBServer(
        root_path=str(root),
        root_password=_password(folder),
        config={
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": bolt_port,
            "http_port": http_port,
        },
    )
    server.start()
    try:
        if not (root / "databases" / DATABASE).exists():
            server.create_database(DATABASE)
        state = ServerInfo(str(folder), os.getpid(), mode, owner, bolt_port, http_port, DATABASE, time.time())
        record = {k: v for k, v in asdict(state).items() if k not in ("password", "username")}
        tmp = _state_path(folder).with_suffix(".tmp")
        tmp.write_text(json.dumps(record))
        tmp.replace(_state_path(folder))
        print(f"serving {folder} on bolt://127.0.0.1:{bolt_port}", flush=True)
        while not stopping.wait(0.5):
            if mode == "command" and not _pid_alive(owner):
                break
    finally:
        _state_path(folder).unlink(missing_ok=True)
        server.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.embedded")
    sub = parser.add_subparsers(dest="command", required=True)
    serve_p = sub.add_parser("serve", help="run the embedded server in the foreground")
    serve_p.add_argument("folder", type=Path)
    serve_p.add_argument("--mode", choices=("daemon", "command"), default="daemon")
    serve_p.add_argument("--owner", type=int, default=0)
    serve_p.add_argument("--bolt-port", type=int, default=None)
    args = parser.parse_args(argv)
    return serve(args.folder.resolve(), args.mode, args.owner or os.getpid(), args.bolt_port)


if __name__ == "__main__":
    sys.exit(main())
