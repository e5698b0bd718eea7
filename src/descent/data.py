"""Data sets of the book: tiny hand-made points, synthetic linear data, and real digits.

Nothing here downloads anything: the digits come with scikit-learn.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from numpy.typing import ArrayLike, NDArray

from descent.validation import as_float_array


def toy_points() -> tuple[NDArray, NDArray]:
    """The three points every early chapter starts from: (1, 2), (2, 4), (3, 6).

    They lie exactly on the line ``y = 2 x``.

    Returns
    -------
    x, y : numpy.ndarray
        ``x = [1, 2, 3]`` and ``y = [2, 4, 6]``, as floats.
    """
    x = np.array([1.0, 2.0, 3.0])
    return x, 2.0 * x


def synthetic_linear(
    w: ArrayLike, b: float, n: int, noise: float = 0.01, seed: int = 0
) -> tuple[NDArray, NDArray]:
    r"""Sample ``n`` points from :math:`y = X w + b + \varepsilon`.

    Features and noise are Gaussian: :math:`X_{ij} \sim N(0, 1)` and
    :math:`\varepsilon_i \sim N(0, \text{noise}^2)`.

    Parameters
    ----------
    w : array_like, shape (d,)
        The true weights.
    b : float
        The true bias.
    n : int
        The number of samples.
    noise : float, default 0.01
        Standard deviation of the noise (0 gives points exactly on the plane).
    seed : int, default 0
        Seed of the random generator: the same seed gives the same data.

    Returns
    -------
    X : numpy.ndarray, shape (n, d)
    y : numpy.ndarray, shape (n,)
    """
    w = as_float_array(w, "w", ndim=1)
    if int(n) != n or n < 1:
        raise ValueError(f"n must be a positive integer, got {n}")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(int(n), len(w)))
    y = X @ w + b + rng.normal(scale=noise, size=int(n))
    return X, y


def minibatches(
    X: ArrayLike, y: ArrayLike, batch_size: int, shuffle: bool = True, seed: int = 0
) -> Iterator[tuple[NDArray, NDArray]]:
    """Yield ``(X_batch, y_batch)`` pairs that together cover the data once (one epoch).

    Parameters
    ----------
    X : array_like, shape (n, ...)
        Features; the first axis runs over samples.
    y : array_like, shape (n, ...)
        Targets, with as many rows as ``X``.
    batch_size : int
        Samples per batch; the last batch may be smaller.
    shuffle : bool, default True
        Visit the samples in a random order.
    seed : int, default 0
        Seed of that order. Pass a different seed each epoch for a new order.

    Yields
    ------
    X_batch, y_batch : numpy.ndarray
    """
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim == 0 or y.ndim == 0 or len(X) != len(y):
        raise ValueError(
            f"X and y must have the same number of rows, got shapes {X.shape} and {y.shape}"
        )
    if len(X) == 0:
        raise ValueError("X is empty: expected at least one sample")
    if int(batch_size) != batch_size or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size}")
    order = np.random.default_rng(seed).permutation(len(X)) if shuffle else np.arange(len(X))
    for start in range(0, len(X), int(batch_size)):
        rows = order[start : start + int(batch_size)]
        yield X[rows], y[rows]


def load_digits(
    test_fraction: float = 0.2, seed: int = 0
) -> tuple[NDArray, NDArray, NDArray, NDArray]:
    """scikit-learn's bundled handwritten digits: 1,797 images of 8x8 pixels, 10 classes.

    Pixels are scaled from 0..16 to 0..1 and each image is flattened to 64 features.
    The split keeps the same share of each digit in both parts (stratified).

    Parameters
    ----------
    test_fraction : float, default 0.2
        Share of the images held out for testing, strictly between 0 and 1.
    seed : int, default 0
        Seed of the split.

    Returns
    -------
    X_train : numpy.ndarray, shape (n_train, 64)
    y_train : numpy.ndarray of int, shape (n_train,)
    X_test : numpy.ndarray, shape (n_test, 64)
    y_test : numpy.ndarray of int, shape (n_test,)
    """
    # scikit-learn takes a second to import: only the chapters that use the digits pay it.
    from sklearn import datasets
    from sklearn.model_selection import train_test_split

    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be strictly between 0 and 1, got {test_fraction}")
    digits = datasets.load_digits()
    X = digits.data / 16.0
    y = digits.target.astype(np.int64)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_fraction, random_state=seed, stratify=y
    )
    return X_train, y_train, X_test, y_test
