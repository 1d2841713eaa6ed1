"""Benchmarks: `make bench` (python -m bench.run). Each `bench_*.py` module
exposes `run(results)` and adds figures name -> {value, unit, target, ok}."""
