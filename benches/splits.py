"""The fixed tune/check halves every development set is split into (see benches/README.md).

A page or query falls in a half by a hash of its name, so the split never changes as code or data
around it change: tune on `tune`, report both, and count a change only if `check` does not fall.
"""
import hashlib


def half(name):
    """'tune' or 'check', fixed by the SHA-1 of `name`."""
    return "tune" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "check"
