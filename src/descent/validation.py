"""Turn user input into clean NumPy arrays, or say clearly what is wrong with it.

Every public function of :mod:`descent` starts by calling these helpers, so that a
mistake (two arrays of different shapes, an empty list, a NaN, a probability vector that
does not sum to one) stops with a ``ValueError`` that names the argument, instead of
silently broadcasting into a wrong number.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def as_float_array(
    x: ArrayLike, name: str, *, ndim: int | tuple[int, ...] | None = None
) -> NDArray:
    """Convert ``x`` to a non-empty, finite floating-point array.

    Floating inputs keep their precision (``float32`` stays ``float32``); anything else
    becomes ``float64``.

    Parameters
    ----------
    x : array_like
        The input, e.g. a list or a NumPy array.
    name : str
        The argument's name, used in error messages.
    ndim : int or tuple of int, optional
        The allowed number(s) of dimensions.

    Returns
    -------
    numpy.ndarray
        The input as a floating-point array.

    Raises
    ------
    ValueError
        If ``x`` is not numeric, is empty, has the wrong number of dimensions, or
        contains NaN or infinity.
    """
    try:
        array = np.asarray(x)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers: {error}") from None
    if array.dtype == bool or not np.issubdtype(array.dtype, np.number):
        raise ValueError(f"{name} must contain numbers, got dtype {array.dtype}")
    if not np.issubdtype(array.dtype, np.floating):
        array = array.astype(np.float64)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if array.ndim not in allowed:
            expected = " or ".join(str(n) for n in allowed)
            raise ValueError(f"{name} must have {expected} dimension(s), got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty: expected at least one value")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinity")
    return array


def require_same_shape(a: NDArray, b: NDArray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have exactly the same shape.

    NumPy would happily broadcast a ``(n,)`` array against a ``(n, 1)`` array into an
    ``(n, n)`` matrix and return a wrong average; we refuse instead.

    Parameters
    ----------
    a, b : numpy.ndarray
        The two arrays.
    name_a, name_b : str
        Their argument names, used in the error message.
    """
    if a.shape != b.shape:
        hint = ""
        if a.size == b.size:
            hint = " (same number of values: reshape one, e.g. with .reshape(-1))"
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}{hint}"
        )


def require_probabilities(p: NDArray, name: str, *, atol: float = 1e-6) -> None:
    """Raise ``ValueError`` unless every row of ``p`` is a probability distribution.

    Parameters
    ----------
    p : numpy.ndarray
        Probabilities; the last axis runs over the outcomes.
    name : str
        The argument's name, used in error messages.
    atol : float, default 1e-6
        How far from 1 a sum may be (float32 rounding).
    """
    if np.any(p < 0):
        raise ValueError(f"{name} has negative entries: probabilities must be >= 0")
    sums = p.sum(axis=-1)
    if not np.allclose(sums, 1.0, rtol=0.0, atol=atol):
        worst = sums.flat[np.argmax(np.abs(sums - 1.0))]
        raise ValueError(
            f"{name} must sum to 1 along its last axis, but a sum is {worst:.6g}; "
            "are these logits? apply softmax first"
        )


def as_labels(labels: ArrayLike, name: str, num_classes: int | None = None) -> NDArray:
    """Convert ``labels`` to a 1-D integer array of class indices in ``[0, num_classes)``.

    Parameters
    ----------
    labels : array_like
        Class indices, e.g. ``[0, 2, 1]``.
    name : str
        The argument's name, used in error messages.
    num_classes : int, optional
        The number of classes; if given, every label must be below it.

    Returns
    -------
    numpy.ndarray
        The labels as ``int64``.
    """
    array = np.asarray(labels)
    if array.size == 0:
        raise ValueError(f"{name} is empty: expected at least one label")
    if array.dtype == bool or not np.issubdtype(array.dtype, np.integer):
        raise ValueError(
            f"{name} must be integer class indices, got dtype {array.dtype}; "
            "for one-hot or soft labels pass class probabilities instead"
        )
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {array.shape}")
    if num_classes is not None:
        if num_classes < 1:
            raise ValueError(f"num_classes must be positive, got {num_classes}")
        if array.min() < 0 or array.max() >= num_classes:
            raise ValueError(
                f"{name} must lie in [0, {num_classes}), "
                f"got values from {array.min()} to {array.max()}"
            )
    return array.astype(np.int64)


def require_positive(value: float, name: str) -> None:
    """Raise ``ValueError`` unless ``value`` is a finite number greater than zero."""
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value}")
