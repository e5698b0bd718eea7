"""Exercises of chapter 2, exhaustive search."""

from __future__ import annotations

from descent.exercises.base import Exercise

EXERCISES: list[Exercise] = []
