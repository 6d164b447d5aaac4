"""Triage worker: scores support-ticket messages and recommends a de-escalation technique."""

__version__ = "0.1.0"
