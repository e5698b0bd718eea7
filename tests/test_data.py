"""descent.data: the toy points, synthetic data, minibatches and the bundled digits."""

import numpy as np
import pytest

from descent import data


def test_toy_points_lie_on_y_equals_2x():
    x, y = data.toy_points()
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(y, [2.0, 4.0, 6.0])


def test_synthetic_linear_recovers_its_parameters_by_least_squares():
    X, y = data.synthetic_linear([2.0, -3.4], 4.2, n=1000, noise=0.01, seed=0)
    assert X.shape == (1000, 2) and y.shape == (1000,)
    design = np.column_stack([X, np.ones(len(X))])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    np.testing.assert_allclose(coef, [2.0, -3.4, 4.2], atol=2e-3)


def test_synthetic_linear_is_deterministic_per_seed():
    a = data.synthetic_linear([1.0], 0.0, n=5, seed=3)
    b = data.synthetic_linear([1.0], 0.0, n=5, seed=3)
    c = data.synthetic_linear([1.0], 0.0, n=5, seed=4)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], c[0])


def test_synthetic_linear_without_noise_is_exact():
    X, y = data.synthetic_linear([2.0, -3.4], 4.2, n=10, noise=0.0)
    np.testing.assert_allclose(y, X @ [2.0, -3.4] + 4.2)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"n": 0}, "n must be a positive integer"), ({"n": 5, "noise": -1.0}, "noise must be >= 0")],
)
def test_synthetic_linear_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.synthetic_linear([1.0], 0.0, **kwargs)


def test_minibatches_cover_every_sample_once():
    X = np.arange(20).reshape(10, 2)
    y = np.arange(10)
    batches = list(data.minibatches(X, y, batch_size=4, seed=1))
    assert [len(yb) for _, yb in batches] == [4, 4, 2]
    seen = np.concatenate([yb for _, yb in batches])
    assert sorted(seen) == list(range(10))
    assert not np.array_equal(seen, np.arange(10))  # shuffled
    for Xb, yb in batches:
        np.testing.assert_array_equal(Xb, X[yb])  # rows stay paired


def test_minibatches_without_shuffle_keep_the_order():
    batches = list(data.minibatches(np.arange(5), np.arange(5), batch_size=2, shuffle=False))
    assert [list(yb) for _, yb in batches] == [[0, 1], [2, 3], [4]]


@pytest.mark.parametrize(
    ("X", "y", "batch_size", "message"),
    [
        (np.zeros((3, 2)), np.zeros(4), 2, "same number of rows"),
        (np.zeros((3, 2)), np.zeros(3), 0, "batch_size must be a positive integer"),
        (np.zeros((0, 2)), np.zeros(0), 2, "X is empty"),
    ],
)
def test_minibatches_reject_bad_input(X, y, batch_size, message):
    with pytest.raises(ValueError, match=message):
        list(data.minibatches(X, y, batch_size))


def test_load_digits_is_a_stratified_scaled_split():
    X_train, y_train, X_test, y_test = data.load_digits(test_fraction=0.2, seed=0)
    assert X_train.shape[1] == X_test.shape[1] == 64
    assert len(X_train) + len(X_test) == 1797
    assert len(X_test) == pytest.approx(0.2 * 1797, abs=1)
    assert X_train.min() == 0.0 and X_train.max() == 1.0
    assert set(y_train) == set(y_test) == set(range(10))
    assert y_train.dtype == np.int64
    shares = np.bincount(y_test) / len(y_test)
    np.testing.assert_allclose(shares, np.bincount(y_train) / len(y_train), atol=0.01)


def test_load_digits_rejects_a_bad_fraction():
    with pytest.raises(ValueError, match="test_fraction"):
        data.load_digits(test_fraction=1.0)
