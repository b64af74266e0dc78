"""Builders of doctored (hostile) and honest submissions for the guard's test suite (tests/test_hostile.py)."""
