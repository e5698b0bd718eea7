"""What an exercise is, and how its checker judges a learner's function.

A checker tests behaviour, not text: it calls the learner's function on several inputs,
compares each result with the reference solution's, and when they differ it looks for the
known mistake that would have produced the same wrong answer, so that it can say *why*.

Three outcomes:

* all cases pass: :meth:`Exercise.check` returns a :class:`Report` that says so;
* the function still raises ``NotImplementedError`` (the stub): a :class:`Report` that says
  "not implemented yet", so a learner's notebook runs to the end;
* a wrong answer: :class:`CheckFailed` is raised, which fails the cell (and CI) but shows the
  learner one short message instead of a traceback.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np


class CheckFailed(AssertionError):
    """A learner's function gave a wrong answer. Jupyter shows only the message."""

    def _render_traceback_(self) -> list[str]:
        # IPython calls this instead of printing the traceback.
        return [f"\N{BALLOT X} {self}"]


@dataclass(frozen=True)
class Report:
    """The outcome of a check that did not fail: passed, or not implemented yet."""

    exercise_id: str
    passed: bool
    message: str

    def __repr__(self) -> str:
        mark = "\N{CHECK MARK}" if self.passed else "\N{WHITE SQUARE}"
        return f"{mark} {self.exercise_id}: {self.message}"


@dataclass(frozen=True)
class Mistake:
    """A plausible wrong answer, and the hint to show when a learner's matches it."""

    function: Callable[..., Any]
    hint: str

    def __call__(self, *args: Any) -> Any:
        """Compute the wrong answer."""
        return self.function(*args)


def _describe(value: Any) -> str:
    text = np.array2string(np.asarray(value), precision=4, threshold=8, separator=", ")
    return text.replace("\n", " ")


def _mismatch(got: Any, expected: Any, rtol: float) -> str | None:
    """Say how ``got`` differs from ``expected``, or return None if they agree."""
    if got is None:
        return "your function returned None: did you forget the `return` statement?"
    try:
        got_array = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return f"expected a number or an array of numbers, got {type(got).__name__}"
    expected_array = np.asarray(expected, dtype=np.float64)
    if got_array.shape != expected_array.shape:
        return f"expected shape {expected_array.shape}, got shape {got_array.shape}"
    if not np.allclose(got_array, expected_array, rtol=rtol, atol=1e-9, equal_nan=True):
        return f"expected {_describe(expected)}, got {_describe(got)}"
    return None


@dataclass(frozen=True)
class Exercise:
    """An exercise: its reference solution, the inputs it is checked on, known mistakes.

    Parameters
    ----------
    id : str
        The name used in the notebooks, e.g. ``"linear-mse"``.
    title : str
        A short title.
    solution : callable
        A correct implementation (often the :mod:`descent` helper itself).
    cases : tuple of tuple
        Argument tuples to call the functions with; edge cases included.
    mistakes : mapping of str to Mistake
        Known wrong implementations, each with the hint shown to a learner whose answers
        match it.
    rtol : float, default 1e-6
        Relative tolerance of the comparison.
    """

    id: str
    title: str
    solution: Callable[..., Any]
    cases: tuple[tuple[Any, ...], ...]
    mistakes: Mapping[str, Mistake] = field(default_factory=dict)
    rtol: float = 1e-6

    def check(self, fn: Callable[..., Any]) -> Report:
        """Check ``fn`` against the solution on every case.

        Returns
        -------
        Report
            Passed, or "not implemented yet" if ``fn`` raises ``NotImplementedError``.

        Raises
        ------
        CheckFailed
            If ``fn`` gives a wrong answer or raises any other exception.
        """
        for args in self.cases:
            expected = self.solution(*copy.deepcopy(args))
            try:
                got = fn(*copy.deepcopy(args))
            except NotImplementedError:
                return Report(
                    self.id,
                    False,
                    "not implemented yet: replace `raise NotImplementedError` with your code "
                    "and run the cell again.",
                )
            except Exception as error:
                raise CheckFailed(
                    f"{self.title}: your function raised {type(error).__name__}: {error}\n"
                    f"  on input {self._describe_args(args)}"
                ) from error
            problem = _mismatch(got, expected, self.rtol)
            if problem is not None:
                raise CheckFailed(self._diagnosis(args, got, problem))
        return Report(self.id, True, f"correct on all {len(self.cases)} test inputs.")

    def _diagnosis(self, args: tuple[Any, ...], got: Any, problem: str) -> str:
        lines = [f"{self.title}: {problem}", f"  on input {self._describe_args(args)}"]
        for mistake in self.mistakes.values():
            try:
                wrong = mistake(*copy.deepcopy(args))
            except Exception:  # a mistake that cannot even run on this input
                continue
            if _mismatch(got, wrong, self.rtol) is None:
                lines.append(f"  Hint: {mistake.hint}")
                break
        return "\n".join(lines)

    @staticmethod
    def _describe_args(args: tuple[Any, ...]) -> str:
        return ", ".join(_describe(arg) for arg in args)
