"""Foundations every layer may use: where files live, atomic writes, English labels."""
