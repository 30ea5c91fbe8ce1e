"""Benchmarks: run each as a script (``python bench/extract.py``); figures in bench/README.md."""
