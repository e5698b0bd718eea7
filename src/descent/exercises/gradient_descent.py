"""Exercises of chapter 3, gradient descent."""

from __future__ import annotations

from descent.exercises.base import Exercise

EXERCISES: list[Exercise] = []
