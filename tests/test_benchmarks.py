"""The benchmarks still run (tiny sizes); their timings are printed, never asserted."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).parent / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_answer_latency_benchmark_runs(capsys):
    medians = _load("bench_answer_latency").main(["--cases", "2,20", "--answers", "5", "--no-baseline"])
    assert set(medians) == {2, 20}
    out = capsys.readouterr().out
    assert "ratio 20 / 2 cases" in out
