"""Serve a class: N app replicas on one host behind HAProxy or nginx, with sticky sessions and websockets.

    DLMATH_DB_URL=postgresql+psycopg://… python -m scripts.serve_class --replicas 3 --port 8500 [--balancer nginx]

Starts ``streamlit run app.py`` N times on free local ports (the same cookie secret everywhere, so a signed-in
learner stays signed in whichever replica answers), writes the balancer's configuration from
``deploy/<balancer>.template`` into a run folder, starts the balancer in the foreground, and stops everything on
Ctrl-C or SIGTERM. The replicas share what `DLMATH_DB_URL` points at (PostgreSQL for a class; without it they
share the SQLite file in `$DLMATH_HOME`, which is safe on one host only). See docs/deployment.md.

When the host has at least as many cores as replicas, replica i is pinned to the i-th core this launcher may use
(``taskset -c``; its checker workers run on that core too), as a container is given its own cpuset. A server
process runs Python on one core at a time (the interpreter lock), and its many script threads, handing that lock
to each other, otherwise wander between cores: each check then costs ~20 % more CPU, and two replicas on two
cores leave more of the machine idle in a burst of checks (see the README's benchmark). ``--no-pin`` leaves the
scheduler to place them.
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
BALANCERS = {"haproxy": "haproxy.cfg.template", "nginx": "nginx.conf.template"}
REPLICA_COOKIE = "dlmath_replica"
REPLICA_HEADER = "X-DLMath-Replica"


def replica_cpus(replicas: int, allowed: set[int] | None = None) -> list[int | None]:
    """The core each replica is pinned to (the i-th of the `allowed` cores, by default the ones this process may
    use), or None for each when there are fewer cores than replicas or no ``taskset`` to pin with."""
    cores = sorted(allowed if allowed is not None else os.sched_getaffinity(0))
    if len(cores) < replicas or shutil.which("taskset") is None:
        return [None] * replicas
    return cores[:replicas]


def pinned(command: list[str], cpu: int | None) -> list[str]:
    """`command` run on core `cpu` only (``taskset -c``: the same process, so the same pid), or as is for None."""
    return command if cpu is None else ["taskset", "-c", str(cpu), *command]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def balancer_binary(name: str) -> str | None:
    """The path of ``haproxy`` or ``nginx`` (Debian installs them in /usr/sbin), or None."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")


def render(template: str, values: dict[str, str]) -> str:
    """Fill ``{name}`` placeholders (only the given names: the configs' own braces are left alone)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def balancer_config(balancer: str, *, bind: str, port: int, replicas: list[int], run_dir: Path,
                    secure_cookie: bool = False) -> str:
    """The balancer's configuration for replicas listening on 127.0.0.1:``replicas[i]`` (named r1, r2, …)."""
    names = [f"r{i}" for i in range(1, len(replicas) + 1)]
    addresses = [f"127.0.0.1:{p}" for p in replicas]
    template = (DEPLOY / BALANCERS[balancer]).read_text()
    if balancer == "haproxy":
        servers = "\n".join(f"    server {n} {a} check inter 2s cookie {n}" for n, a in zip(names, addresses))
        return render(template, {"bind": bind, "port": str(port), "servers": servers,
                                 "cookie_secure": " secure" if secure_cookie else ""})
    upstreams = "".join(
        f"    upstream {n} {{\n        server {a};\n"
        + "".join(f"        server {other} backup;\n" for other in addresses if other != a) + "    }\n"
        for n, a in zip(names, addresses))
    return render(template, {
        "bind": bind, "port": str(port), "run_dir": str(run_dir),
        "pool_servers": "\n".join(f"        server {a};" for a in addresses),
        "replica_upstreams": upstreams,
        "cookie_routes": "\n".join(f"        {n} {n};" for n in names),
        "served_by": "\n".join(f"        {a} {n};" for n, a in zip(names, addresses)),
        "cookie_secure": "; Secure" if secure_cookie else "",
    })


def wait_healthy(url: str, timeout: float = 60.0) -> None:
    """Poll ``/_stcore/health`` until the server (or the balancer in front of it) answers ``ok``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not become healthy in {timeout:.0f} s")


class Balancer:
    """HAProxy or nginx on ``port``, in front of replicas on 127.0.0.1:``replica_ports`` (sticky, websockets)."""

    def __init__(self, kind: str, replica_ports: list[int], *, port: int | None = None, bind: str = "127.0.0.1",
                 run_dir: Path | None = None, secure_cookie: bool = False, quiet: bool = True) -> None:
        if kind not in BALANCERS:
            raise ValueError(f"balancer: one of {', '.join(BALANCERS)}")
        self.kind, self.replica_ports, self.bind, self.quiet = kind, list(replica_ports), bind, quiet
        self.secure_cookie = secure_cookie
        self.port = port or free_port()
        self._own_run_dir = run_dir is None
        self.run_dir = run_dir or Path(tempfile.mkdtemp(prefix=f"dlmath-{kind}-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.bind in ("0.0.0.0", "") else self.bind
        return f"http://{host}:{self.port}"

    def start(self, timeout: float = 60.0) -> "Balancer":
        """Write the configuration and start the balancer; return once it answers health checks."""
        binary = balancer_binary(self.kind)
        if binary is None:
            raise FileNotFoundError(f"{self.kind} is not installed (apt-get install {self.kind})")
        self.run_dir.mkdir(parents=True, exist_ok=True)
        config = self.run_dir / ("haproxy.cfg" if self.kind == "haproxy" else "nginx.conf")
        config.write_text(balancer_config(self.kind, bind=self.bind, port=self.port, replicas=self.replica_ports,
                                          run_dir=self.run_dir, secure_cookie=self.secure_cookie))
        if self.kind == "haproxy":
            command = [binary, "-db", "-f", str(config)]
        else:
            for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
                (self.run_dir / sub).mkdir(exist_ok=True)
                os.chmod(self.run_dir / sub, 0o777)   # nginx's workers run as an unprivileged user under root
            command = [binary, "-p", str(self.run_dir), "-c", str(config), "-e", str(self.run_dir / "error.log"),
                       "-g", "daemon off;"]
        output = subprocess.DEVNULL if self.quiet else None
        self.process = subprocess.Popen(command, stdout=output, stderr=output, start_new_session=True)
        try:
            wait_healthy(self.url, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the balancer (killed if it does not stop in time); remove the run folder if it made one."""
        if self.process is not None:
            stop_processes([self.process])
            self.process = None
        if self._own_run_dir:
            shutil.rmtree(self.run_dir, ignore_errors=True)


def stop_processes(procs: list[subprocess.Popen]) -> None:
    """Terminate ``procs``, wait for each (killing it after 15 s)."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Cluster:
    """N replicas of the app and a balancer in front of them (see the module docstring)."""

    def __init__(self, replicas: int = 2, balancer: str = "haproxy", *, port: int | None = None,
                 bind: str = "127.0.0.1", env: dict[str, str] | None = None, run_dir: Path | None = None,
                 home_per_replica: Path | None = None, secure_cookie: bool = False, quiet: bool = True,
                 pin: bool = True) -> None:
        """``home_per_replica``: give replica i the home folder ``home_per_replica/r<i>`` (as if each ran on its
        own host, sharing only the database); by default they share ``$DLMATH_HOME``. ``pin``: each replica on
        a core of its own when there are enough (`replica_cpus`)."""
        if replicas < 1:
            raise ValueError("at least one replica")
        if balancer not in BALANCERS:
            raise ValueError(f"balancer: one of {', '.join(BALANCERS)}")
        self.replicas, self.balancer_kind, self.bind, self.port = replicas, balancer, bind, port
        self.env = dict(env or {})
        self.run_dir = run_dir
        self.home_per_replica = home_per_replica
        self.secure_cookie = secure_cookie
        self.quiet = quiet
        self.cpus = replica_cpus(replicas) if pin else [None] * replicas
        """The core each replica runs on (None: wherever the scheduler puts it)."""
        self.replica_ports: list[int] = []
        self._replicas: list[subprocess.Popen] = []
        self.balancer: Balancer | None = None

    @property
    def url(self) -> str:
        return self.balancer.url if self.balancer else ""

    @property
    def replica_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in self.replica_ports]

    @property
    def replica_pids(self) -> list[int]:
        return [p.pid for p in self._replicas]

    @property
    def balancer_pids(self) -> list[int]:
        return [self.balancer.process.pid] if self.balancer and self.balancer.process else []

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def start(self, timeout: float = 90.0) -> "Cluster":
        """Start the replicas and the balancer; return once the balancer answers health checks."""
        if balancer_binary(self.balancer_kind) is None:
            raise FileNotFoundError(f"{self.balancer_kind} is not installed (apt-get install {self.balancer_kind})")
        try:
            self._start_replicas()
            for url in self.replica_urls:
                wait_healthy(url, timeout)
            self.balancer = Balancer(self.balancer_kind, self.replica_ports, port=self.port, bind=self.bind,
                                     run_dir=self.run_dir, secure_cookie=self.secure_cookie,
                                     quiet=self.quiet).start(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _start_replicas(self) -> None:
        env = {**os.environ, **self.env}
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))   # not settable by a flag
        output = subprocess.DEVNULL if self.quiet else None
        for number, cpu in enumerate(self.cpus, start=1):
            port = free_port()
            self.replica_ports.append(port)
            if self.home_per_replica is not None:
                env = {**env, "DLMATH_HOME": str(self.home_per_replica / f"r{number}")}
            self._replicas.append(subprocess.Popen(pinned(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                 "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
                cpu), cwd=ROOT, env=env, stdout=output, stderr=output))

    def alive(self) -> bool:
        """Whether the balancer and every replica are still running."""
        procs = self._replicas + ([self.balancer.process] if self.balancer and self.balancer.process else [])
        return bool(procs) and all(p.poll() is None for p in procs)

    def stop(self) -> None:
        """Stop the balancer, then the replicas (each waited for, killed if it does not stop in time)."""
        if self.balancer is not None:
            self.balancer.stop()
        stop_processes(self._replicas)
        self._replicas = []


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="app processes (default 2; about one per core)")
    parser.add_argument("--port", type=int, default=8500, help="the balancer's port (default 8500)")
    parser.add_argument("--bind", default="0.0.0.0", help="the balancer's address (default 0.0.0.0)")
    parser.add_argument("--balancer", choices=tuple(BALANCERS), default="haproxy")
    parser.add_argument("--run-dir", type=Path, default=None, help="where the balancer's config is written")
    parser.add_argument("--secure-cookie", action="store_true",
                        help="mark the sticky cookie Secure (when HTTPS is terminated in front of the balancer)")
    parser.add_argument("--no-pin", action="store_true",
                        help="do not pin each replica to a core of its own (pinned by default when there are enough)")
    args = parser.parse_args(argv)
    if not os.environ.get("DLMATH_DB_URL"):
        print("note: DLMATH_DB_URL is not set: the replicas share the SQLite file in $DLMATH_HOME "
              "(one host only; use PostgreSQL for a class)", file=sys.stderr)
    cluster = Cluster(args.replicas, args.balancer, port=args.port, bind=args.bind, run_dir=args.run_dir,
                      secure_cookie=args.secure_cookie, quiet=False, pin=not args.no_pin)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with cluster:
        cores = ", ".join(f"r{i} on core {c}" for i, c in enumerate(cluster.cpus, start=1) if c is not None)
        print(f"serving {args.replicas} replicas behind {args.balancer} at http://{args.bind}:{args.port} "
              f"(config in {cluster.balancer.run_dir}; {cores or 'not pinned'}); Ctrl-C stops", flush=True)
        try:
            while cluster.alive():
                time.sleep(1)
            print("a process stopped: stopping the others", file=sys.stderr)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
