"""Rate limiting of the API: a sliding window per caller, in this process's memory.

One API process serves an installation (`failscale api`), so the window lives here; a
restart forgets it, which costs at most one extra window of requests. A caller is a
token's identity, or for a refused token the client's address, so guessing tokens is
slowed down as well as overusing a good one.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field


@dataclass
class RateLimiter:
    per_minute: int
    window_seconds: float = 60.0
    _calls: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def retry_after(self, caller: str, now: float | None = None) -> int:
        """0 when `caller` may go ahead (and count the call); else seconds to wait."""
        now = time.monotonic() if now is None else now
        with self._lock:
            calls = self._calls.setdefault(caller, deque())
            while calls and calls[0] <= now - self.window_seconds:
                calls.popleft()
            if len(calls) >= self.per_minute:
                return max(1, int(calls[0] + self.window_seconds - now + 0.999))
            calls.append(now)
            if len(self._calls) > 10_000:  # forget idle callers; bounded memory
                idle = [k for k, v in self._calls.items() if not v]
                for key in idle:
                    del self._calls[key]
            return 0
