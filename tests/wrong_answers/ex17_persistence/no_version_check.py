"""load reads any version of the format as if it were its own."""

import solutions.ex17_persistence as _solution
from solutions.ex17_persistence import *  # noqa: F403 - everything else is right
from solutions.ex17_persistence import Model as _Model

EXPECT = "version"


class Model(_Model):
    @classmethod
    def _from_arrays(cls, arrays):
        import json

        import numpy as np

        description = json.loads(str(arrays["description"]))
        description["version"] = _solution.VERSION  # whatever the file said
        arrays["description"] = np.array(json.dumps(description))
        return super()._from_arrays(arrays)
