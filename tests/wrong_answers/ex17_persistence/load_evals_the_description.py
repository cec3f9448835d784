"""load reads the description with eval() instead of json.loads: a saved model's JSON is
(mostly) a Python expression too, so it works - and runs whatever code a file holds."""

import json

import numpy as np

from solutions.ex17_persistence import *  # noqa: F403 - everything else is right
from solutions.ex17_persistence import Model as _Model

EXPECT = "executed"


class Model(_Model):
    @classmethod
    def _from_arrays(cls, arrays):
        text = str(arrays.get("description", ""))
        try:
            description = eval(text, {"null": None, "true": True, "false": False})  # noqa: S307
        except Exception:
            description = None
        if isinstance(description, dict):
            arrays["description"] = np.array(json.dumps(description))
        return super()._from_arrays(arrays)
