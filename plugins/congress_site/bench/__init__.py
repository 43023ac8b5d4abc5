"""Benchmark: synthetic sites at scale and their measurement against plain Material."""
