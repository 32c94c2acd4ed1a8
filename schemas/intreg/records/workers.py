"""Worker processes that never outlive the command that started them."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """Initializer for worker processes: the kernel kills this worker when its parent dies,
    however the parent dies (SIGTERM, SIGKILL, a crash), so no worker is left orphaned."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # The parent may have died before prctl took effect: then this worker is already orphaned.
    if os.getppid() != parent:
        os._exit(1)
