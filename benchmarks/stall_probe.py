"""A 10 ms timer that tells how long the event loop went without running it, for benchmarks."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer

TICK_MS = 10


class StallProbe:
    """Started, it notes the time between its ticks; ``longest()`` is the worst wait past one."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.gaps: list[int] = []
        self._last = 0
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Start the clock and the ticks, forgetting earlier ones."""
        self.gaps.clear()
        self._last = 0
        self.clock.start()
        self._timer.start()

    def stop(self) -> None:
        """Stop ticking."""
        self._timer.stop()

    def longest(self) -> int:
        """The longest the loop went past a tick, in milliseconds."""
        return max([gap - TICK_MS for gap in self.gaps] or [0])

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.gaps.append(now - self._last)
        self._last = now
