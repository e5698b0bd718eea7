"""Exercise checkers: the registry the notebooks call.

In a chapter, after writing a function, a learner runs::

    from descent import checks
    checks.check("linear-mse", mse)

which tests the function on several inputs and either confirms it, says it is not
implemented yet, or fails with a short diagnosis of the likely mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from descent.exercises import (
    exhaustive_search,
    gradient_descent,
    information,
    linear_models,
    regression_losses,
    softmax_regression,
)
from descent.exercises.base import CheckFailed, Exercise, Mistake, Report

__all__ = ["EXERCISES", "CheckFailed", "Exercise", "Mistake", "Report", "check"]

_CHAPTERS = (
    linear_models,
    exhaustive_search,
    gradient_descent,
    regression_losses,
    information,
    softmax_regression,
)

EXERCISES: dict[str, Exercise] = {
    exercise.id: exercise for chapter in _CHAPTERS for exercise in chapter.EXERCISES
}


def check(exercise_id: str, fn: Callable[..., Any]) -> Report:
    """Check a learner's function ``fn`` for the exercise ``exercise_id``.

    See :meth:`descent.exercises.base.Exercise.check`.
    """
    if exercise_id not in EXERCISES:
        raise ValueError(
            f"no exercise named {exercise_id!r}; known: {', '.join(sorted(EXERCISES))}"
        )
    return EXERCISES[exercise_id].check(fn)
