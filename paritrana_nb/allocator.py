"""The C allocator: memory freed by Python but held by it, given back to the system between the stages of a large
command, so that the tables freed do not count in its peak."""

from __future__ import annotations

import functools


def release_freed_memory() -> None:
    """Give the memory the C allocator holds free back to the system (glibc's malloc_trim; elsewhere nothing)."""
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


@functools.cache
def _libc() -> object:
    """The symbols this process has loaded, the C library's among them (None where they cannot be opened so):
    no search for the library's file (`ctypes.util.find_library` runs `ldconfig`)."""
    import ctypes

    try:
        return ctypes.CDLL(None)
    except (OSError, TypeError):  # Windows: no handle of the process itself
        return None
