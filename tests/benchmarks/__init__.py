"""Benchmarks (bench_*.py, run as scripts) and the test that they still run."""
