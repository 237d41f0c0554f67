"""Understanding members' messages, on the labelled corpus (tests/fixtures/messages/corpus.jsonl).

Prints the confusion matrix of intents (rows: labelled, columns: understood), the wrong writes
(a registration or withdrawal that was not meant, or for the wrong person or date: must be 0), the
share of meant actions done or confirmed (at least 97 %), as a member and as the secretariat, and
the time to understand one message (p50, p99: under 2 ms). `make bench` runs it; or
`.venv/bin/python bench/understanding.py`.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from language.understanding import understand
from tests.unit.language.corpus import TODAY, load, load_held_out, run

INTENTS = [
    "absence",
    "other_person",
    "change_of_mind",
    "withdrawal",
    "conditional",
    "question",
    "small_talk",
    "command",
]
SHORT = {"absence": "abs", "other_person": "other", "change_of_mind": "mind", "withdrawal": "wdraw",
         "conditional": "cond", "question": "quest", "small_talk": "talk", "command": "cmd"}  # fmt: skip


def confusion() -> None:
    judged = run(secretariat=True)
    cells = Counter((j.row["intent"], j.got.intent) for j in judged)
    print(f"Confusion matrix ({len(judged)} messages; rows labelled, columns understood)")
    print(" " * 15 + "".join(f"{SHORT[i]:>7}" for i in INTENTS))
    for want in INTENTS:
        print(f"{want:15}" + "".join(f"{cells[(want, got)]:>7}" for got in INTENTS))
    fields = sum(j.fields_ok for j in judged)
    print(f"person, dates, reason and vara as labelled: {fields}/{len(judged)}")


def actions() -> None:
    for secretariat in (False, True):
        judged = run(secretariat=secretariat)
        meant = [j for j in judged if j.meant]
        served = sum(j.served for j in meant)
        wrong = [j.row["text"] for j in judged if j.wrong_write]
        at_once = sum(j.outcome == "write" for j in meant)
        who = "secretariat" if secretariat else "member"
        print(
            f"{who:11}: wrong writes {len(wrong)}; meant actions done or confirmed {served}/{len(meant)} "
            f"({100 * served / len(meant):.1f} %), of them done at once {at_once}"
        )
        for text in wrong:
            print(f"  wrong write: {text}")


def timing() -> None:
    """Wall-clock time, and CPU time (what the work costs when the shared machine is busy)."""
    texts = [r["text"] for r in load()]
    for text in texts:
        understand(text, today=TODAY)
    wall, cpu = [], []
    for _ in range(5):
        for text in texts:
            start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
            understand(text, today=TODAY)
            cpu.append(time.thread_time_ns() - start_cpu)
            wall.append(time.perf_counter_ns() - start)
    for name, times in (("wall", wall), ("cpu", cpu)):
        times.sort()
        p50, p99 = times[len(times) // 2] / 1e6, times[int(len(times) * 0.99)] / 1e6
        print(f"understanding one message ({name}): p50 {p50:.3f} ms, p99 {p99:.3f} ms ({len(times)} runs)")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def held_out() -> None:
    rows = load_held_out()
    for secretariat in (False, True):
        judged = run(secretariat=secretariat, rows=rows)
        meant = [j for j in judged if j.meant]
        right = sum(j.got.intent == j.row["intent"] for j in judged)
        who = "secretariat" if secretariat else "member"
        print(
            f"held out ({len(rows)} messages written after tuning, {who}): "
            f"intent right {right}, wrong writes {sum(j.wrong_write for j in judged)}, "
            f"meant actions done or confirmed {sum(j.served for j in meant)}/{len(meant)}"
        )


if __name__ == "__main__":
    confusion()
    actions()
    held_out()
    timing()
