"""Tools used by the tests (importable as `tools.<module>`; also runnable)."""
