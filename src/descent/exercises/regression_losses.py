"""Exercises of chapter 4, regression losses."""

from __future__ import annotations

from descent.exercises.base import Exercise

EXERCISES: list[Exercise] = []
