"""Exercise checkers: the registry the notebooks call.

In a chapter, after writing a function (or working out a value), a learner runs::

    from descent import checks
    checks.check("linear-mse", mse)

which tests the answer and either confirms it, says it is not implemented yet, or fails
with a short diagnosis of the likely mistake. See :mod:`descent.exercises.base`.
"""

from __future__ import annotations

from typing import Any

from descent.exercises import (
    exhaustive_search,
    gradient_descent,
    information,
    linear_models,
    regression_losses,
    softmax_regression,
)
from descent.exercises.base import (
    CheckFailed,
    Exercise,
    Mistake,
    PropertyExercise,
    Report,
    ValueExercise,
)

__all__ = [
    "CHAPTER_EXERCISES",
    "EXERCISES",
    "CheckFailed",
    "Exercise",
    "Mistake",
    "PropertyExercise",
    "Report",
    "ValueExercise",
    "check",
]

_CHAPTERS = (
    linear_models,
    exhaustive_search,
    gradient_descent,
    regression_losses,
    information,
    softmax_regression,
)

EXERCISES: dict[str, Exercise | ValueExercise | PropertyExercise] = {
    exercise.id: exercise for chapter in _CHAPTERS for exercise in chapter.EXERCISES
}

# The exercises of each chapter, in the order the chapter asks them, by notebook name.
CHAPTER_EXERCISES: dict[str, list[str]] = {
    chapter.CHAPTER: [exercise.id for exercise in chapter.EXERCISES] for chapter in _CHAPTERS
}


def check(exercise_id: str, answer: Any) -> Report:
    """Check a learner's ``answer`` (a function, or a value) to the exercise ``exercise_id``.

    See :mod:`descent.exercises.base`.
    """
    if exercise_id not in EXERCISES:
        raise ValueError(
            f"no exercise named {exercise_id!r}; known: {', '.join(sorted(EXERCISES))}"
        )
    return EXERCISES[exercise_id].check(answer)
