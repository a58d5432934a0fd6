"""The benchmark suite behind `make bench`: one module per measurement, `run.py` ties them together."""
