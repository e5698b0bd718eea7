"""What an exercise is, and how its checker judges a learner's answer.

A checker tests behaviour, not text. There are three kinds of answer:

* a **function** (:class:`Exercise`): the checker calls it on several inputs, compares each
  result with the reference solution's and, when they differ, looks for the known mistake
  that gives the same wrong result, so that it can say *why*;
* a **value** (:class:`ValueExercise`): a number or a small array worked out on paper or
  predicted before running anything, compared with the reference within a tolerance;
* a **measured property** (:class:`PropertyExercise`): the result of an experiment, which
  varies with the seed, so the checker tests what must hold (a loss below a bound, a noise
  floor that grows with the learning rate), not an exact number.

Three outcomes, whatever the kind:

* the answer is right: :meth:`check` returns a :class:`Report` that says so;
* the learner has not answered yet (the stub still raises ``NotImplementedError``, or the
  value is still ``...``): a :class:`Report` that says "not implemented yet", so a learner's
  notebook runs to the end;
* a wrong answer: :class:`CheckFailed` is raised, which fails the cell (and CI) but shows the
  learner one short message instead of a traceback.

Every exercise knows its ``level`` (1 apply, 2 think, 3 explore), its ``kind`` and whether
it ``needs_torch`` (then it cannot run in the browser).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

KINDS = ("implement", "derive", "predict", "debug", "experiment")
LEVELS = {1: "apply", 2: "think", 3: "explore"}
NOT_YET = (
    "not implemented yet: replace `raise NotImplementedError` (or `...`) with your answer "
    "and run the cell again."
)


class CheckFailed(AssertionError):
    """A learner's answer is wrong. Jupyter shows only the message."""

    def _render_traceback_(self) -> list[str]:
        # IPython calls this instead of printing the traceback.
        return [f"\N{BALLOT X} {self}"]


class NotAnswered(Exception):
    """Raised inside a judge when the learner has not answered yet."""


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
    """A plausible wrong answer (a function or a value), and the hint for a learner who gave it."""

    answer: Any
    hint: str

    def __call__(self, *args: Any) -> Any:
        """Compute the wrong answer of a function exercise on ``args``."""
        return self.answer(*args)


def describe(value: Any) -> str:
    """A short, one-line text for a number or an array."""
    text = np.array2string(np.asarray(value), precision=4, threshold=8, separator=", ")
    return text.replace("\n", " ")


def mismatch(got: Any, expected: Any, rtol: float, atol: float = 1e-9) -> str | None:
    """Say how ``got`` differs from ``expected``, or return None if they agree."""
    if got is None:
        return "your answer is None: did you forget the `return` statement?"
    if callable(got) and not callable(expected):
        return "expected a number or an array of numbers, got a function: call it?"
    try:
        got_array = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return f"expected a number or an array of numbers, got {type(got).__name__}"
    expected_array = np.asarray(expected, dtype=np.float64)
    if got_array.shape != expected_array.shape:
        return f"expected shape {expected_array.shape}, got shape {got_array.shape}"
    if not np.allclose(got_array, expected_array, rtol=rtol, atol=atol, equal_nan=True):
        return f"expected {describe(expected)}, got {describe(got)}"
    return None


@dataclass(frozen=True, kw_only=True)
class _Exercise:
    """What every exercise has: a name, a title, a level, a kind, known mistakes."""

    id: str
    title: str
    level: int
    kind: str
    mistakes: Mapping[str, Mistake] = field(default_factory=dict)
    # True when the exercise's code needs PyTorch, so it cannot run in the browser (Pyodide).
    needs_torch: bool = False

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"{self.id}: level must be 1, 2 or 3, got {self.level!r}")
        if self.kind not in KINDS:
            raise ValueError(f"{self.id}: kind must be one of {KINDS}, got {self.kind!r}")
        if len(self.mistakes) < 2:
            raise ValueError(f"{self.id}: list at least two known mistakes with their hints")

    @property
    def stars(self) -> str:
        """The level as stars: ★ apply, ★★ think, ★★★ explore."""
        return "\N{BLACK STAR}" * self.level

    def check(self, answer: Any) -> Report:
        """Judge a learner's ``answer``.

        Returns
        -------
        Report
            Passed, or "not implemented yet" if the learner has not answered.

        Raises
        ------
        CheckFailed
            If the answer is wrong (or a function raises anything but
            ``NotImplementedError``).
        """
        if answer is Ellipsis:
            return Report(self.id, False, NOT_YET)
        try:
            problem = self.diagnose(answer)
        except (NotImplementedError, NotAnswered):
            return Report(self.id, False, NOT_YET)
        if problem is not None:
            raise CheckFailed(f"{self.title}: {problem}")
        return Report(self.id, True, self.success)

    @property
    def success(self) -> str:
        """What a passing report says."""
        return "correct."

    def diagnose(self, answer: Any) -> str | None:
        """What is wrong with ``answer``, or None if it is right."""
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class Exercise(_Exercise):
    """An exercise answered by a function, checked on several inputs.

    Parameters
    ----------
    id : str
        The name used in the notebooks, e.g. ``"linear-mse"``.
    title : str
        A short title.
    level : int
        1 apply, 2 think, 3 explore.
    kind : str
        One of ``implement``, ``derive``, ``predict``, ``debug``, ``experiment``.
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

    solution: Callable[..., Any]
    cases: tuple[tuple[Any, ...], ...]
    rtol: float = 1e-6
    atol: float = 1e-9

    @property
    def success(self) -> str:
        """What a passing report says."""
        return f"correct on all {len(self.cases)} test inputs."

    def diagnose(self, answer: Any) -> str | None:
        """Call ``answer`` on every case; describe the first wrong result, with a hint."""
        if not callable(answer):
            return f"expected a function, got {type(answer).__name__}"
        for args in self.cases:
            expected = self.solution(*copy.deepcopy(args))
            try:
                got = answer(*copy.deepcopy(args))
            except (NotImplementedError, NotAnswered):
                raise
            except Exception as error:
                return (
                    f"your function raised {type(error).__name__}: {error}\n"
                    f"  on input {_describe_args(args)}"
                )
            problem = mismatch(got, expected, self.rtol, self.atol)
            if problem is not None:
                lines = [problem, f"  on input {_describe_args(args)}"]
                hint = self._hint(args, got)
                if hint:
                    lines.append(f"  Hint: {hint}")
                return "\n".join(lines)
        return None

    def _hint(self, args: tuple[Any, ...], got: Any) -> str | None:
        for mistake in self.mistakes.values():
            try:
                wrong = mistake(*copy.deepcopy(args))
            except Exception:  # a mistake that cannot even run on this input
                continue
            if mismatch(got, wrong, self.rtol, self.atol) is None:
                return mistake.hint
        return None


@dataclass(frozen=True, kw_only=True)
class ValueExercise(_Exercise):
    """An exercise answered by a value: a number or a small array.

    The learner's stub is ``answer = ...``; the check cell passes the value. A wrong value
    that matches a known mistake (within the same tolerance) gets that mistake's hint.

    Parameters
    ----------
    solution : number or array_like
        The right value.
    mistakes : mapping of str to Mistake
        Known wrong values, each with its hint.
    rtol, atol : float
        The tolerance, suited to the question (a value read off a plot needs more).
    """

    solution: Any
    rtol: float = 1e-6
    atol: float = 1e-9

    def diagnose(self, answer: Any) -> str | None:
        """Compare ``answer`` with the solution; name the mistake it matches.

        The message never shows the right value (that would answer the exercise on the first
        wrong try): it says what was given, and the hint of the known mistake it matches.
        """
        problem = mismatch(answer, self.solution, self.rtol, self.atol)
        if problem is None:
            return None
        if problem.startswith("expected ") and not problem.startswith(
            ("expected shape", "expected a")
        ):
            problem = f"{describe(answer)} is not right; work it out again"
        for mistake in self.mistakes.values():
            if mismatch(answer, mistake.answer, self.rtol, self.atol) is None:
                return f"{problem}\n  Hint: {mistake.hint}"
        return problem


@dataclass(frozen=True, kw_only=True)
class PropertyExercise(_Exercise):
    """An exercise checked by what must hold of the answer, not by an exact value.

    Used for experiments, whose numbers change with the seed: ``judge(answer)`` returns None
    when the answer has the property, or a message (with a hint) that says which property
    fails. Each known mistake's answer must make the judge return a message containing that
    mistake's hint; the tests prove it.

    Parameters
    ----------
    solution : object
        A correct answer (a function or a value), which the judge accepts.
    judge : callable
        ``judge(answer) -> str | None``. It may raise ``NotImplementedError`` (from the
        learner's stub) or :class:`NotAnswered`.
    """

    solution: Any
    judge: Callable[[Any], str | None]

    def diagnose(self, answer: Any) -> str | None:
        """Run the judge on ``answer``; an error in the learner's code becomes the message."""
        try:
            return self.judge(answer)
        except (NotImplementedError, NotAnswered):
            raise
        except CheckFailed as failure:
            return str(failure)
        except Exception as error:
            return f"your answer raised {type(error).__name__}: {error}"


def _describe_args(args: tuple[Any, ...]) -> str:
    return ", ".join(describe(arg) for arg in args)
