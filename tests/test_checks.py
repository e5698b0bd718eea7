"""Every exercise checker accepts its solution and rejects a stub and each known mistake;
the exercises of each chapter are graded and varied; the notebooks ask what the registry
knows."""

import json
import re
from pathlib import Path

import pytest

from descent import checks
from descent.exercises.base import (
    KINDS,
    CheckFailed,
    Exercise,
    Mistake,
    PropertyExercise,
    ValueExercise,
)

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = sorted(checks.EXERCISES.values(), key=lambda exercise: exercise.id)
MISTAKES = [
    pytest.param(exercise, mistake, id=f"{exercise.id}:{name}")
    for exercise in EXERCISES
    for name, mistake in exercise.mistakes.items()
]


def stub(*args, **kwargs):
    raise NotImplementedError


def unanswered(exercise):
    """What a learner's untouched stub hands to the checker."""
    return stub if callable(exercise.solution) else ...


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_the_reference_solution_passes(exercise):
    report = exercise.check(exercise.solution)
    assert report.passed
    assert "correct" in repr(report)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_a_stub_is_reported_as_not_implemented(exercise):
    report = exercise.check(unanswered(exercise))
    assert not report.passed
    assert "not implemented yet" in repr(report)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_every_exercise_has_a_level_a_kind_and_known_mistakes(exercise):
    assert exercise.level in (1, 2, 3)
    assert exercise.kind in KINDS
    assert len(exercise.mistakes) >= 2
    if isinstance(exercise, Exercise):
        assert len(exercise.cases) >= 2


@pytest.mark.parametrize(("exercise", "mistake"), MISTAKES)
def test_each_known_mistake_fails_with_its_own_hint(exercise, mistake):
    with pytest.raises(CheckFailed) as failure:
        exercise.check(mistake.answer)
    assert mistake.hint in str(failure.value)


@pytest.mark.parametrize("chapter", sorted(checks.CHAPTER_EXERCISES))
def test_each_chapter_has_five_to_seven_exercises_of_every_level(chapter):
    exercises = [checks.EXERCISES[name] for name in checks.CHAPTER_EXERCISES[chapter]]
    assert 5 <= len(exercises) <= 7
    assert {exercise.level for exercise in exercises} == {1, 2, 3}
    assert sum(exercise.kind != "implement" for exercise in exercises) >= 2


def test_at_most_half_of_the_exercises_implement_a_function_the_text_shows():
    kinds = [exercise.kind for exercise in EXERCISES]
    assert kinds.count("implement") <= len(kinds) / 2


def _cells(chapter):
    notebook = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text())
    return [("".join(cell["source"]), cell["cell_type"]) for cell in notebook["cells"]]


@pytest.mark.parametrize("chapter", sorted(checks.CHAPTER_EXERCISES))
def test_the_notebook_asks_the_registrys_exercises_with_their_stars(chapter):
    cells = _cells(chapter)
    checked = [
        match.group(1)
        for source, kind in cells
        if kind == "code"
        for match in re.finditer(r'checks\.check\("([^"]+)"', source)
    ]
    assert checked == checks.CHAPTER_EXERCISES[chapter]
    titles = {
        match.group(2): match.group(1)
        for source, kind in cells
        if kind == "markdown"
        for match in re.finditer(r":::\{exercise\} *(.*)\n:label: ex-(\S+)", source)
    }
    for name in checks.CHAPTER_EXERCISES[chapter]:
        stars = "\N{BLACK STAR}" * checks.EXERCISES[name].level
        assert re.match(f"{stars}(?!\N{BLACK STAR}) ", titles[name]), (name, titles.get(name))


def square(x):
    return x * x


SQUARE = Exercise(
    id="square",
    title="Square",
    level=1,
    kind="implement",
    solution=square,
    cases=((2.0,), (-3.0,)),
    mistakes={
        "double": Mistake(lambda x: 2 * x, "that doubles x"),
        "cube": Mistake(lambda x: x**3, "that is the cube"),
    },
)
ANSWER = ValueExercise(
    id="answer",
    title="Answer",
    level=2,
    kind="predict",
    solution=0.25,
    rtol=1e-3,
    mistakes={
        "half": Mistake(0.5, "twice too large"),
        "sign": Mistake(-0.25, "the sign"),
    },
)
INCREASING = PropertyExercise(
    id="increasing",
    title="Increasing",
    level=3,
    kind="experiment",
    solution=[1, 2, 3],
    judge=lambda values: None if all(a < b for a, b in zip(values, values[1:], strict=False))
    else "the values must increase: hint, sort them",
    mistakes={
        "reversed": Mistake([3, 2, 1], "hint, sort them"),
        "flat": Mistake([1, 1, 1], "hint, sort them"),
    },
)


def test_a_crash_in_the_learners_code_is_reported_briefly():
    with pytest.raises(CheckFailed, match="raised ZeroDivisionError"):
        SQUARE.check(lambda x: x / 0 if x else 0)


def test_a_missing_return_is_named():
    with pytest.raises(CheckFailed, match="forget the `return`"):
        SQUARE.check(lambda x: None)


def test_a_wrong_shape_is_named():
    with pytest.raises(CheckFailed, match=r"expected shape \(\), got shape \(1,\)"):
        SQUARE.check(lambda x: [x * x])


def test_an_unknown_mistake_shows_expected_and_got_without_a_hint():
    with pytest.raises(CheckFailed) as failure:
        SQUARE.check(lambda x: x + 1)
    assert "expected 4., got 3." in str(failure.value)
    assert "Hint" not in str(failure.value)


def test_jupyter_shows_one_short_message_not_a_traceback():
    with pytest.raises(CheckFailed) as failure:
        SQUARE.check(lambda x: 2 * x)
    lines = failure.value._render_traceback_()
    assert lines[0].startswith("\N{BALLOT X} Square: expected 9., got -6.")
    assert "that doubles x" in lines[0]


def test_check_by_name():
    assert checks.check("linear-mse", checks.EXERCISES["linear-mse"].solution).passed
    with pytest.raises(ValueError, match="no exercise named 'nope'"):
        checks.check("nope", square)


def test_a_value_answer_within_the_tolerance_passes_and_a_known_wrong_one_gets_its_hint():
    assert ANSWER.check(0.2501).passed
    assert ANSWER.check(1 / 4).passed
    with pytest.raises(CheckFailed, match="twice too large"):
        ANSWER.check(0.5)
    with pytest.raises(CheckFailed) as failure:
        ANSWER.check(0.3)
    assert "0.3 is not right" in str(failure.value)
    assert "0.25" not in str(failure.value)  # a wrong try does not reveal the answer
    assert "Hint" not in str(failure.value)
    with pytest.raises(CheckFailed, match=r"expected shape \(\), got shape \(2,\)"):
        ANSWER.check([0.25, 0.25])
    assert not ANSWER.check(...).passed


def test_a_function_given_where_a_value_is_expected_is_named():
    with pytest.raises(CheckFailed, match="got a function"):
        ANSWER.check(square)


def test_a_property_exercise_judges_the_property_not_the_number():
    assert INCREASING.check([0.1, 5.0, 7.0]).passed
    with pytest.raises(CheckFailed, match="must increase"):
        INCREASING.check([2, 1])
    assert not INCREASING.check(...).passed


def test_an_exercise_without_level_kind_or_two_mistakes_is_refused():
    with pytest.raises(ValueError, match="level"):
        Exercise(id="x", title="x", level=4, kind="implement", solution=square, cases=(),
                 mistakes=SQUARE.mistakes)
    with pytest.raises(ValueError, match="kind"):
        Exercise(id="x", title="x", level=1, kind="guess", solution=square, cases=(),
                 mistakes=SQUARE.mistakes)
    with pytest.raises(ValueError, match="two known mistakes"):
        Exercise(id="x", title="x", level=1, kind="implement", solution=square, cases=(),
                 mistakes={"one": SQUARE.mistakes["double"]})
