"""Every exercise checker accepts its solution and rejects a stub and each known mistake."""

import pytest

from descent import checks
from descent.exercises.base import CheckFailed, Exercise, Mistake

EXERCISES = sorted(checks.EXERCISES.values(), key=lambda exercise: exercise.id)
MISTAKES = [
    pytest.param(exercise, mistake, id=f"{exercise.id}:{name}")
    for exercise in EXERCISES
    for name, mistake in exercise.mistakes.items()
]


def stub(*args):
    raise NotImplementedError


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_the_reference_solution_passes(exercise):
    report = exercise.check(exercise.solution)
    assert report.passed
    assert "correct" in repr(report)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_a_stub_is_reported_as_not_implemented(exercise):
    report = exercise.check(stub)
    assert not report.passed
    assert "not implemented yet" in repr(report)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_every_exercise_has_several_cases_and_known_mistakes(exercise):
    assert len(exercise.cases) >= 2
    assert exercise.mistakes


@pytest.mark.parametrize(("exercise", "mistake"), MISTAKES)
def test_each_known_mistake_fails_with_its_own_hint(exercise, mistake):
    with pytest.raises(CheckFailed) as failure:
        exercise.check(mistake)
    assert f"Hint: {mistake.hint}" in str(failure.value)


def square(x):
    return x * x


SQUARE = Exercise(
    id="square",
    title="Square",
    solution=square,
    cases=((2.0,), (-3.0,)),
    mistakes={"double": Mistake(lambda x: 2 * x, "that doubles x")},
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
