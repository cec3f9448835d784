"""save and load treat their path as a pathlib.Path (path.is_file(), path.open, path.name):
given a path as a plain string, as most callers write it, they fail with AttributeError."""

from solutions.ex17_persistence import *  # noqa: F403 - everything else is right
from solutions.ex17_persistence import Model as _Model

EXPECT = "str"


class Model(_Model):
    def save_parameters(self, path):
        with path.open("wb"):
            pass
        super().save_parameters(path)

    def load_parameters(self, path):
        if not path.is_file():
            raise FileNotFoundError(f"there is no file {path.name}")
        super().load_parameters(path)

    def save(self, path):
        with path.open("wb"):
            pass
        super().save(path)

    @classmethod
    def load(cls, path):
        if not path.is_file():
            raise FileNotFoundError(f"there is no file {path.name}")
        return super().load(path)
