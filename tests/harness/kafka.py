"""A real single-node Apache Kafka broker (KRaft) for integration tests, without Docker.

The broker jars come from Maven Central through ``tests/tooling/kafka/pom.xml`` (which pins the
version) and are cached in ``$TRIAGE_KAFKA_CACHE`` (default
``~/.cache/triage-worker/kafka-<version>``), so Maven runs once per machine, not per clone.

Library::

    with KafkaBroker(tmp_path, free_port()) as broker:
        KafkaProducer(bootstrap_servers=broker.bootstrap)

CLI (exit 0 on success, 1 on failure; ``status`` exits 3 when the broker is down)::

    python -m tests.harness.kafka up [--port 9092] [--dir .kafka] [--foreground]
    python -m tests.harness.kafka down [--dir .kafka]
    python -m tests.harness.kafka status [--dir .kafka]
    python -m tests.harness.kafka fetch            # only resolve the jars (CI cache warm-up)

Requires Java 17+ (``$JAVA_HOME/bin/java``, else ``java`` on PATH) and, only while the cache
is cold, Maven (its local repository is ``<cache>/m2``). Everything binds to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = [
    "DEFAULT_JVM_ARGS",
    "BrokerError",
    "KafkaBroker",
    "PrerequisiteError",
    "ensure_jars",
    "free_port",
    "kafka_version",
    "main",
    "scram_listener",
]

HOST = "127.0.0.1"
POM = Path(__file__).resolve().parents[2] / "tests" / "tooling" / "kafka" / "pom.xml"
INSTALL_HINT = "install with: sudo apt-get install openjdk-17-jre-headless maven"
DEFAULT_JVM_ARGS: tuple[str, ...] = (
    "-Xms128m",
    "-Xmx512m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",  # C1 only: ~40% faster start-up on 2 busy cores
    "-XX:+ExitOnOutOfMemoryError",
    "-Djava.awt.headless=true",
)
_POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}
_LOG4J2 = """\
status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
"""


class BrokerError(RuntimeError):
    """The broker could not be prepared, started or stopped."""


class PrerequisiteError(BrokerError):
    """Java or Maven is missing."""


#: Starts of a broker whose ports another process bound first (see `KafkaBroker.start`).
_BIND_ATTEMPTS = 3
#: What Kafka logs when a listener's port is taken, and when its server has started.
_ADDRESS_IN_USE = "Address already in use"
_STARTED = b"Kafka Server started"


class _PortTakenError(BrokerError):
    """Kafka exited at start-up: one of its ports was bound by another process."""

    def __init__(self, message: str, *, controller: bool) -> None:
        super().__init__(message)
        #: Whether the controller's port (always picked afresh) was the one taken.
        self.controller = controller


def _last_lines(text: str, lines: int = 40) -> str:
    """The last ``lines`` lines of ``text`` (a broker log's tail, for an error message)."""
    return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def kafka_version(pom: Path = POM) -> str:
    """Return the broker version pinned by ``kafka.version`` in the pom."""
    node = ET.parse(pom).find("m:properties/m:kafka.version", _POM_NS)  # noqa: S314 (our file)
    if node is None or not node.text:
        raise BrokerError(f"{pom} does not set <kafka.version>")
    return node.text.strip()


def cache_dir(version: str) -> Path:
    """Return the jar cache: ``$TRIAGE_KAFKA_CACHE`` or ``~/.cache/triage-worker/kafka-<v>``."""
    override = os.environ.get("TRIAGE_KAFKA_CACHE")
    if override:
        return Path(override).expanduser()
    return Path.home() / ".cache" / "triage-worker" / f"kafka-{version}"


def ensure_jars(pom: Path = POM, log: Callable[[str], None] = print) -> Path:
    """Return the directory of broker jars, running Maven once if it is missing or stale.

    Maven's local repository is ``<cache>/m2`` so the cache is self-contained; the jars land in
    ``<cache>/libs`` stamped with the pom's hash, which a changed pom invalidates.
    """
    cache = cache_dir(kafka_version(pom))
    libs = cache / "libs"
    digest = hashlib.sha256(pom.read_bytes()).hexdigest()
    if _stamp(libs) == digest:
        return libs
    mvn = shutil.which("mvn")
    if mvn is None:
        raise PrerequisiteError(f"Maven (mvn) is required to fetch the Kafka jars; {INSTALL_HINT}")
    cache.mkdir(parents=True, exist_ok=True)
    with _locked(cache / ".lock"):
        if _stamp(libs) == digest:  # another process resolved them while we waited
            return libs
        staging = cache / f"libs.tmp-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        log(f"resolving Kafka {kafka_version(pom)} jars with Maven into {libs} (once) ...")
        started = time.monotonic()
        result = subprocess.run(
            [
                mvn,
                "-q",
                "-B",
                "-Dstyle.color=never",
                "-f",
                str(pom),
                f"-Dmaven.repo.local={cache / 'm2'}",
                f"-Dkafka.libs={staging}",
                "dependency:copy-dependencies",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            output = (result.stdout + result.stderr).strip().splitlines()
            raise BrokerError(
                "mvn dependency:copy-dependencies failed:\n" + "\n".join(output[-30:])
            )
        (staging / ".pom-sha256").write_text(digest)
        shutil.rmtree(libs, ignore_errors=True)
        staging.rename(libs)
        log(f"resolved {len(list(libs.glob('*.jar')))} jars in {time.monotonic() - started:.1f}s")
    return libs


class KafkaBroker:
    """One KRaft broker+controller process whose config, data, log and pidfile live in a dir.

    ``properties`` override the generated ``server.properties``; ``extra_listeners`` maps a
    listener name to ``(security_protocol, port)`` and ``format_args`` are passed to
    ``kafka-storage format`` (e.g. ``--add-scram``), which together allow SASL/SSL listeners.
    The broker is started once per directory: ``start()`` on a running broker is a no-op.
    """

    def __init__(
        self,
        directory: str | os.PathLike[str] = ".kafka",
        port: int | None = None,
        *,
        properties: Mapping[str, str] | None = None,
        extra_listeners: Mapping[str, tuple[str, int]] | None = None,
        jvm_args: Sequence[str] = DEFAULT_JVM_ARGS,
        format_args: Sequence[str] = (),
        startup_timeout: float = 60.0,
        log: Callable[[str], None] = print,
    ) -> None:
        self.directory = Path(directory).resolve()
        self.port = port if port is not None else free_port()
        #: A port picked here may be picked again on a bind race (see `start`).
        self._auto_port = port is None
        self.controller_port = 0  # picked afresh by each start(); the quorum is static
        self.properties = dict(properties or {})
        self.extra_listeners = dict(extra_listeners or {})
        self.jvm_args = tuple(jvm_args)
        self.format_args = tuple(format_args)
        self.startup_timeout = startup_timeout
        self._log = log
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        """``127.0.0.1:<port>`` of the PLAINTEXT listener."""
        return f"{HOST}:{self.port}"

    def bootstrap_for(self, listener: str) -> str:
        """``127.0.0.1:<port>`` of one of the ``extra_listeners``."""
        return f"{HOST}:{self.extra_listeners[listener][1]}"

    @property
    def log_path(self) -> Path:
        return self.directory / "broker.log"

    @property
    def config_path(self) -> Path:
        return self.directory / "server.properties"

    @property
    def pid_path(self) -> Path:
        return self.directory / "broker.pid"

    @property
    def data_dir(self) -> Path:
        return self.directory / "data"

    @property
    def pid(self) -> int | None:
        """The pid of this directory's broker if it is running, else None."""
        try:
            pid = int(self.pid_path.read_text().strip())
        except (OSError, ValueError):
            return None
        if self._process is not None and self._process.pid == pid:
            return pid if self._process.poll() is None else None
        cmdline = _cmdline(pid)
        return pid if "kafka.Kafka" in cmdline and str(self.config_path) in cmdline else None

    def is_running(self) -> bool:
        return self.pid is not None

    def running_port(self) -> int | None:
        """The PLAINTEXT port the running broker of this directory was started with."""
        if not self.is_running():
            return None
        prefix = f"PLAINTEXT://{HOST}:"
        listeners = _read_properties(self.config_path).get("listeners", "")
        ports = [item.removeprefix(prefix) for item in listeners.split(",")]
        return next((int(port) for port in ports if port.isdigit()), None)

    def start(self) -> None:
        """Format the storage once, start the broker and wait until it answers requests.

        A port picked by :func:`free_port` is only free a moment: another process (a broker of
        another test worker) may bind it before Kafka does. Kafka then exits at start-up; the
        broker is started again on fresh ports, up to :data:`_BIND_ATTEMPTS` times, when its
        ports were picked here (the controller's always is)."""
        running = self.running_port()
        if running == self.port:
            self._log(f"Kafka already running at {self.bootstrap} (pid {self.pid})")
            return
        if running is not None:
            raise BrokerError(f"{self.directory} already has a broker running on port {running}")
        for attempt in range(1, _BIND_ATTEMPTS + 1):
            try:
                self._start_once()
                return
            except _PortTakenError as exc:
                if attempt == _BIND_ATTEMPTS or not (self._auto_port or exc.controller):
                    raise
                self._log(f"Kafka start-up lost a port race ({exc}); starting on fresh ports")
                if self._auto_port:
                    self.port = free_port()

    def _start_once(self) -> None:
        """One start: pick the controller's port, write the config, launch, wait until ready."""
        self.controller_port = free_port()
        for port in (
            self.port,
            self.controller_port,
            *(p for _, p in self.extra_listeners.values()),
        ):
            if _answers(port):
                raise BrokerError(f"port {port} on {HOST} is already in use")
        java = _java()
        libs = ensure_jars(log=self._log)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.config_path.write_text(_render(self._server_properties()))
        (self.directory / "log4j2.properties").write_text(_LOG4J2)
        if not (self.data_dir / "meta.properties").exists():
            self._format(java, libs)
        with self.log_path.open("ab") as log:
            log.write(f"=== harness start {time.strftime('%Y-%m-%dT%H:%M:%S')} ===\n".encode())
            offset = log.tell()
            self._process = subprocess.Popen(
                [*self._java_cmd(java, libs), "kafka.Kafka", str(self.config_path)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.directory,
                start_new_session=True,
            )
        self.pid_path.write_text(f"{self._process.pid}\n")
        try:
            self._wait_ready(offset)
        except BaseException:
            self.kill()
            raise

    def stop(self, timeout: float = 30.0) -> None:
        """Shut the broker down with SIGTERM, escalating to SIGKILL after ``timeout`` s."""
        self._terminate(signal.SIGTERM, timeout)

    def kill(self) -> None:
        """Kill the broker with SIGKILL (a crash, for chaos tests); data stays on disk."""
        self._terminate(signal.SIGKILL, 10.0)

    def freeze(self) -> None:
        """SIGSTOP the broker (a long GC pause, a hung host): connections stay open and
        nothing answers until :meth:`thaw`."""
        os.kill(self._running_pid(), signal.SIGSTOP)

    def thaw(self) -> None:
        """SIGCONT a broker stopped by :meth:`freeze`."""
        os.kill(self._running_pid(), signal.SIGCONT)

    def _running_pid(self) -> int:
        pid = self.pid
        if pid is None:
            raise BrokerError(f"no broker running in {self.directory}")
        return pid

    def restart(self) -> None:
        """Stop (gracefully) and start again on the same port, keeping the data."""
        self.stop()
        self.start()

    def wait(self) -> int:
        """Block until the broker started by this object exits; return its exit code."""
        if self._process is None:
            raise BrokerError("wait() needs a broker started by this object")
        return self._process.wait()

    def __enter__(self) -> KafkaBroker:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _server_properties(self) -> dict[str, str]:
        listeners = {"PLAINTEXT": ("PLAINTEXT", self.port), **self.extra_listeners}
        endpoints = ",".join(f"{name}://{HOST}:{port}" for name, (_, port) in listeners.items())
        protocols = {name: protocol for name, (protocol, _) in listeners.items()}
        protocols["CONTROLLER"] = "PLAINTEXT"
        return {
            "process.roles": "broker,controller",
            "node.id": "1",
            # Static quorum: the controller port may change between restarts of the same dir.
            "controller.quorum.voters": f"1@{HOST}:{self.controller_port}",
            "listeners": f"{endpoints},CONTROLLER://{HOST}:{self.controller_port}",
            "advertised.listeners": endpoints,
            "listener.security.protocol.map": ",".join(f"{k}:{v}" for k, v in protocols.items()),
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "log.dirs": str(self.data_dir),
            "num.partitions": "1",
            "default.replication.factor": "1",
            "min.insync.replicas": "1",
            "auto.create.topics.enable": "false",
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "1",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "transaction.state.log.num.partitions": "1",
            "share.coordinator.state.topic.replication.factor": "1",
            "share.coordinator.state.topic.min.isr": "1",
            "group.initial.rebalance.delay.ms": "0",
            # After a SIGKILL the new incarnation cannot register until the old session expires.
            "broker.heartbeat.interval.ms": "500",
            "broker.session.timeout.ms": "3000",
            "num.network.threads": "2",
            "num.io.threads": "2",
            "num.recovery.threads.per.data.dir": "1",
            "log.segment.bytes": str(8 * 1024 * 1024),
            "log.retention.hours": "24",
            **self.properties,
        }

    def _java_cmd(self, java: str, libs: Path) -> list[str]:
        log4j = self.directory / "log4j2.properties"
        return [java, *self.jvm_args, f"-Dlog4j2.configurationFile={log4j}", "-cp", f"{libs}/*"]

    def _format(self, java: str, libs: Path) -> None:
        cluster_id = _cluster_id()
        result = subprocess.run(
            [
                *self._java_cmd(java, libs),
                "kafka.tools.StorageTool",
                "format",
                "--config",
                str(self.config_path),
                "--cluster-id",
                cluster_id,
                *self.format_args,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BrokerError(f"kafka-storage format failed:\n{result.stdout}{result.stderr}")
        self._log(f"formatted {self.data_dir} (cluster id {cluster_id})")

    def _wait_ready(self, log_offset: int) -> None:
        assert self._process is not None
        started = time.monotonic()
        deadline = started + self.startup_timeout
        # The port answering is not enough: another process may hold it (a bind race, see
        # `start`). The broker is ready when its own log says it started and it answers.
        while not (self._started(log_offset) and _answers(self.port, probe=True)):
            if self._process.poll() is not None:
                # The whole of this start's log, read once: the shutdown that follows a bind
                # error may push it out of the tail the message quotes.
                said = self._since(log_offset).decode(errors="replace")
                message = (
                    f"Kafka exited with code {self._process.returncode} during start-up; "
                    f"{self.log_path} ends with:\n{_last_lines(said)}"
                )
                if _ADDRESS_IN_USE in said:
                    # (the config dump at start-up names every port: match the bind error)
                    taken = f"failed to bind to {HOST}:{self.controller_port}:" in said
                    raise _PortTakenError(message, controller=taken)
                raise BrokerError(message)
            if time.monotonic() > deadline:
                raise BrokerError(
                    f"Kafka did not answer on {self.bootstrap} within {self.startup_timeout:.0f}s;"
                    f" {self.log_path} ends with:\n{self._tail(log_offset)}"
                )
            time.sleep(0.1)
        for name, (_, port) in self.extra_listeners.items():
            while not _answers(port):
                if time.monotonic() > deadline:
                    raise BrokerError(
                        f"Kafka listener {name} did not accept on {HOST}:{port} within "
                        f"{self.startup_timeout:.0f}s; {self.log_path} ends with:\n"
                        f"{self._tail(log_offset)}"
                    )
                time.sleep(0.1)
        elapsed = time.monotonic() - started
        self._log(f"Kafka {kafka_version()} ready at {self.bootstrap} in {elapsed:.1f}s")

    def _started(self, offset: int) -> bool:
        """Whether this start's log (from ``offset``) says the server started."""
        return _STARTED in self._since(offset)

    def _since(self, offset: int) -> bytes:
        """The broker's log from ``offset`` (where this start began) on."""
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read()

    def _tail(self, offset: int) -> str:
        return _last_lines(self._since(offset).decode(errors="replace"))

    def _terminate(self, sig: signal.Signals, timeout: float) -> None:
        pid = self.pid
        if pid is None:
            self.pid_path.unlink(missing_ok=True)
            self._process = None
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        if not self._exited(pid, timeout) and sig != signal.SIGKILL:
            self._log(f"Kafka (pid {pid}) ignored {sig.name} for {timeout:.0f}s; killing it")
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            self._exited(pid, 10.0)
        self.pid_path.unlink(missing_ok=True)
        self._process = None

    def _exited(self, pid: int, timeout: float) -> bool:
        if self._process is not None and self._process.pid == pid:
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                return False
            return True
        deadline = time.monotonic() + timeout
        while _cmdline(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        return not _cmdline(pid)


def scram_listener(
    name: str,
    port: int,
    *,
    keystore: Path | None,
    users: Mapping[str, str],
    mechanism: str = "SCRAM-SHA-512",
) -> dict[str, Any]:
    """``KafkaBroker`` keyword arguments for a SCRAM listener (SASL_SSL with ``keystore``).

    ``keystore`` is a PEM file with the broker's private key and certificate chain (see
    ``tests.harness.tls``); ``None`` makes the listener SASL_PLAINTEXT. ``users`` (name to
    password) are written into the metadata log by ``kafka-storage format --add-scram``, so
    they exist before the broker starts; inter-broker and controller traffic stay PLAINTEXT.
    Pass the result as ``KafkaBroker(directory, port, **scram_listener(...))``.
    """
    prefix = f"listener.name.{name.lower()}"
    properties = {
        "sasl.enabled.mechanisms": mechanism,
        f"{prefix}.sasl.enabled.mechanisms": mechanism,
        f"{prefix}.{mechanism.lower()}.sasl.jaas.config": (
            "org.apache.kafka.common.security.scram.ScramLoginModule required;"
        ),
    }
    if keystore is not None:
        properties |= {
            f"{prefix}.ssl.keystore.type": "PEM",
            f"{prefix}.ssl.keystore.location": str(keystore),
            f"{prefix}.ssl.client.auth": "none",
        }
    format_args: list[str] = []
    for user, password in users.items():
        if any(c in user + password for c in ",[]="):
            raise BrokerError("SCRAM user names and passwords must not contain , [ ] or =")
        format_args += ["--add-scram", f"{mechanism}=[name={user},password={password}]"]
    protocol = "SASL_SSL" if keystore is not None else "SASL_PLAINTEXT"
    return {
        "properties": properties,
        "extra_listeners": {name: (protocol, port)},
        "format_args": format_args,
    }


def _stamp(libs: Path) -> str | None:
    with contextlib.suppress(OSError):
        return (libs / ".pom-sha256").read_text().strip()
    return None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@cache
def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home, "bin", "java")) if java_home else shutil.which("java")
    if java is None or not Path(java).exists():
        raise PrerequisiteError(f"Java 17+ is required to run Kafka; {INSTALL_HINT}")
    banner = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    version = banner.split('"')[1] if banner.count('"') >= 2 else "0"
    major = int(version.removeprefix("1.").split(".")[0].split("-")[0] or 0)
    if major < 17:
        raise PrerequisiteError(f"Kafka needs Java 17+, found {version} at {java}; {INSTALL_HINT}")
    return java


def _cluster_id() -> str:
    while True:  # a leading '-' would be parsed as an option by kafka-storage
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


def _cmdline(pid: int) -> str:
    """The command line of a live process, or '' when there is none (zombies included)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return ""
    except OSError:  # no procfs (macOS)
        result = subprocess.run(
            ["ps", "-o", "args=", "-p", str(pid)], capture_output=True, text=True, check=False
        )
        return result.stdout.strip()
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()


def _answers(port: int, *, probe: bool = False) -> bool:
    """Whether something accepts on the port; with ``probe``, whether Kafka answers ApiVersions."""
    try:
        with socket.create_connection((HOST, port), timeout=1.0) as sock:
            if not probe:
                return True
            client_id = b"triage-harness"
            # ApiVersions v0 request: api_key=18, api_version=0, correlation_id=7, client_id.
            request = struct.pack(">hhih", 18, 0, 7, len(client_id)) + client_id
            sock.sendall(struct.pack(">i", len(request)) + request)
            response = sock.recv(8)
    except OSError:
        return False
    # Any framed reply carrying our correlation id means the broker is processing requests.
    return len(response) == 8 and struct.unpack(">ii", response)[1] == 7


def _read_properties(path: Path) -> dict[str, str]:
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return {}
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def _render(properties: Mapping[str, str]) -> str:
    body = "".join(f"{key}={value}\n" for key, value in properties.items())
    return f"# Generated by tests/harness/kafka.py; rewritten on every start.\n{body}"


def _status(broker: KafkaBroker) -> int:
    pid = broker.pid
    if pid is None:
        print(f"Kafka not running ({broker.directory})")
        return 3
    print(
        f"Kafka {kafka_version()} running at {HOST}:{broker.running_port()} (pid {pid}, "
        f"dir {broker.directory}, log {broker.log_path})"
    )
    return 0


def _foreground(broker: KafkaBroker) -> int:
    if broker.is_running():  # started by someone else: report it (or the port clash) and leave
        broker.start()
        return 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        broker.start()
        print(f"broker log: {broker.log_path}; Ctrl-C to stop", flush=True)
        return broker.wait()
    except (KeyboardInterrupt, SystemExit):
        broker.stop()
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.harness.kafka",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="start the broker (no-op if running)")
    up.add_argument("--port", type=int, default=9092)
    up.add_argument("--foreground", action="store_true", help="stay attached; Ctrl-C stops")
    up.add_argument("--timeout", type=float, default=60.0, help="start-up wait in seconds")
    down = commands.add_parser("down", help="stop the broker (no-op if stopped)")
    down.add_argument("--timeout", type=float, default=30.0, help="SIGTERM grace in seconds")
    status = commands.add_parser("status", help="exit 0 if running, 3 if not")
    for command in (up, down, status):
        command.add_argument("--dir", default=".kafka", help="config, data, log and pidfile")
    commands.add_parser("fetch", help="only resolve the broker jars into the cache")
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            print(ensure_jars())
            return 0
        if args.command == "up":
            broker = KafkaBroker(args.dir, args.port, startup_timeout=args.timeout)
            if args.foreground:
                return _foreground(broker)
            broker.start()
            print(
                f"log: {broker.log_path}; stop with: python -m tests.harness.kafka down "
                f"--dir {args.dir}"
            )
            return 0
        broker = KafkaBroker(args.dir, port=0)
        if args.command == "down":
            pid = broker.pid
            broker.stop(args.timeout)
            print(
                f"Kafka stopped (pid {pid})" if pid else f"Kafka not running ({broker.directory})"
            )
            return 0
        return _status(broker)
    except BrokerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
