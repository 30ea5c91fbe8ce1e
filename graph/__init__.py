"""diplograph: news on international and subnational relations as a property graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("diplograph")
except PackageNotFoundError:  # a checkout that was never installed
    __version__ = "0.0.0"
