"""The benchmarks still run (tiny sizes); their timings are printed, never asserted."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).parent


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
    assert "ratio with index / without" in out


def test_case_list_benchmark_runs(capsys):
    figures = _load("bench_case_list").main(["--cases", "3", "-n", "1", "--no-tui"])
    assert {"cases", "cases_empty", "cases_first"} <= set(figures)
    assert "ratio cases 3 / empty" in capsys.readouterr().out


def test_drafting_benchmark_runs(capsys):
    figures = _load("bench_drafting").main(["-n", "1"])
    assert set(figures) == {"warm-up", "no warm-up"}
    assert "drafting answer median" in capsys.readouterr().out


def test_report_benchmark_runs(capsys):
    figures = _load("bench_report").main(["--cases", "3", "-n", "1", "--scale", "7"])
    assert {"report", "report_empty", "report_first", "report_in_process", "scaled_report"} <= set(figures)
    out = capsys.readouterr().out
    assert "ratio report 3 cases / empty" in out and "ratio report 7 cases / empty" in out


def test_tui_startup_benchmark_runs(capsys):
    figures = _load("bench_tui_startup").main(["-n", "1"])
    assert set(figures) == {"bare", "kept", "nothing kept", "paired ratio"}
    out = capsys.readouterr().out
    assert "ratio chat / bare" in out and "nothing kept" in out
