"""Benchmarks of issue #7 (`make bench`); not part of the test suite."""
