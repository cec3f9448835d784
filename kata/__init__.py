"""Support package of the kata: manifest, stub generator, grader, data sets, gradient check.

The grading tools use the standard library only, so nox can run them on its own
interpreter; `kata.datasets` and `kata.gradcheck` use NumPy and are for the exercises.
"""
