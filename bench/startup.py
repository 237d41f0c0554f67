"""`motebot run` from start to ready: seconds until /healthz answers, and peak memory.

Not a test: it prints figures. Each run starts `python -m bot run` on a fresh SQLite database in
a fresh directory, polls /healthz every 10 ms, and reads the peak resident size (VmHWM in
/proc/<pid>/status) once it answers; then the server is stopped. Three configurations: Slack
alone (HTTP mode, the Web API a local stand-in), Teams alone (the local-testing switch, no
credentials, so nothing is fetched from Microsoft) and both; each twice: the database migrated by
the run itself (a first start) and migrated beforehand (every later start). The median of N runs
each, beside a bare `python -c 'import starlette, uvicorn'` and a uvicorn «hello» app started the
same way in the same run, for a ratio. Aims: Slack alone under 1 s and 150 MB, both under 3 s, one
process (the children of the server are counted).

    python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.integration.slack import standin  # noqa: E402

PYTHON = sys.executable
PACKAGES = ("bot", "handlers", "storage", "ingest", "language")
HELLO = """
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
import uvicorn, os
async def healthz(request):
    return PlainTextResponse("ok")
uvicorn.run(Starlette(routes=[Route("/healthz", healthz)]), host="127.0.0.1",
            port=int(os.environ["PORT"]), log_level="warning")
"""


@dataclass
class Start:
    seconds: float
    peak_mb: float
    children: int
    cpu: float  # CPU seconds the process used until ready: less swayed by a busy machine than wall time


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _children(pid: int) -> int:
    count = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            count += int(fields[1]) == pid
    return count


def _env(extra: dict[str, str], workdir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MOTEBOT_", "TEAMS_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{workdir / 'motebot.db'}",
        PORT=str(port),
        PYTHONPATH=str(ROOT),
        MOTEBOT_LOG_FORMAT="text",
        **extra,
    )
    return env


def start_once(argv: list[str], extra: dict[str, str], *, migrate_first: bool) -> Start:
    with tempfile.TemporaryDirectory(prefix="motebot-startup-") as tmp:
        workdir = Path(tmp)
        port = _free_port()
        env = _env(extra, workdir, port)
        if migrate_first:
            subprocess.run(
                [PYTHON, "-c", "import os; from storage.db import make_engine, upgrade; "
                 "upgrade(make_engine(os.environ['DATABASE_URL']))"],
                cwd=workdir, env=env, check=True,
            )  # fmt: skip
        began = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"{argv} stopped: {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                if time.perf_counter() - began > 120:
                    raise RuntimeError(f"{argv} not ready in 120 s")
                time.sleep(0.01)
            seconds = time.perf_counter() - began
            return Start(seconds, _peak_mb(proc.pid), _children(proc.pid), _cpu(proc.pid))
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stderr is not None:
                proc.stderr.close()


def bare_import(runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([PYTHON, "-c", "import starlette, uvicorn"], check=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _line(name: str, starts: list[Start], bare: Start | None) -> str:
    seconds = statistics.median(s.seconds for s in starts)
    peak = statistics.median(s.peak_mb for s in starts)
    cpu = statistics.median(s.cpu for s in starts)
    children = max(s.children for s in starts)
    ratio = ""
    if bare is not None:
        ratio = f"  ×{seconds / bare.seconds:4.1f} time ×{cpu / bare.cpu:4.1f} cpu"
        ratio += f" ×{peak / bare.peak_mb:3.1f} memory"
    spread = f"[{min(s.seconds for s in starts):.2f}–{max(s.seconds for s in starts):.2f}]"
    figures = f"{seconds:5.2f} s {spread:<11} cpu {cpu:4.2f} s {peak:6.1f} MB  children {children}"
    return f"{name:<24} {figures}{ratio}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    stand = standin.start()
    slack = {
        "SLACK_BOT_TOKEN": standin.TOKEN,
        "SLACK_SIGNING_SECRET": "bench",
        "SLACK_API_URL": stand.api_url,
    }
    teams = {"TEAMS_ALLOW_ANONYMOUS": "true"}
    configs = {"Slack alone": slack, "Teams alone": teams, "Slack and Teams": {**slack, **teams}}
    run = [PYTHON, "-m", "bot", "run", "--host", "127.0.0.1"]

    # An installed package has its bytecode compiled (pip does it; so does the Docker image); an
    # editable tree under PYTHONDONTWRITEBYTECODE=1 would compile every module at every start.
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", *PACKAGES], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, "
        f"median of {args.runs} runs, bytecode compiled first"
    )
    print(f"bare `python -c 'import starlette, uvicorn'`: {bare_import(args.runs):.2f} s")
    hello = [start_once([PYTHON, "-c", HELLO], {}, migrate_first=False) for _ in range(args.runs)]
    bare = Start(
        statistics.median(s.seconds for s in hello),
        statistics.median(s.peak_mb for s in hello),
        0,
        statistics.median(s.cpu for s in hello),
    )
    print(_line("bare uvicorn hello app", hello, None))
    for migrate_first, label in ((False, "migrated by the run"), (True, "migrated first")):
        print(f"-- {label}")
        for name, extra in configs.items():
            starts = [start_once(run, extra, migrate_first=migrate_first) for _ in range(args.runs)]
            print(_line(name, starts, bare))
    standin.stop(stand)


if __name__ == "__main__":
    main()
