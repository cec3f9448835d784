"""X and y are each shuffled with a permutation of their own (rng.permutation(X),
rng.permutation(y)): two different orders, so samples get other samples' labels."""

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex16_batches._base import Model as _Model

EXPECT = "SAME order for both"


class Model(_Model):
    def train(self, X, y, *, epochs=1, batch_size=None, shuffle=True, rng=None,
              print_every=0, validation_data=None):
        if not shuffle or rng is None:
            return super().train(X, y, epochs=epochs, batch_size=batch_size, shuffle=shuffle,
                                 rng=rng, print_every=print_every,
                                 validation_data=validation_data)
        history = None
        for _ in range(epochs):
            X_epoch, y_epoch = rng.permutation(X), rng.permutation(y)
            one = super().train(X_epoch, y_epoch, epochs=1, batch_size=batch_size,
                                shuffle=False, print_every=0, validation_data=validation_data)
            if history is None:
                history = one
            else:
                for key, values in one.items():
                    history[key] += values
        return history
