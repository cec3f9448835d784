"""The kata's support package. Its folders say where each piece runs and whom it serves:

    manifest.py   the ordered exercises (pyproject.toml), errors, argument parsing
    integrity.py  which files ship to a learner, and which of them decide a grade
    wire.py       the value-only codec between the judge and a learner's child process
    cli.py        the commands behind the nox sessions
    judge/        grading: the supervisor (runner), the pytest plugin, the channel's
                  judge end, the spec helpers (expect, diagnose, models: its own
                  forward pass of a trained network), states and rendering
                  (grade), reports (report)
    learner/      what runs in the learner's child process: the loader and the server
    given/        the code a later exercise is given from earlier ones (one source)
    authoring/    maintainers: stub generator, verify, benchmarks
    workshop/     instructors: hand-outs and updates, class reports, the live class view
                  (class_serve) and its client, the index of known mistakes
    aids/         learning aids: hints, watch, play, backups (reset/restore), the
                  side-by-side examples of `solution`, the train demos
    datasets.py   the data sets (spiral, vertical, sine, the 8x8 digits), from a seed
    gradcheck.py  central-difference gradients, for the specs and for learners

Dependencies run one way: cli -> judge, workshop, authoring, aids -> manifest, integrity,
wire. The judge never imports learner code, and nothing imports cli.
"""
