"""Benchmarks run by ``make bench``; each module has ``run(args) -> int`` and prints measured numbers."""
