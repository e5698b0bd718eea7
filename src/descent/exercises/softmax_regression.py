"""Exercises of chapter 6, softmax regression."""

from __future__ import annotations

from descent.exercises.base import Exercise

EXERCISES: list[Exercise] = []
