"""Customer history <-> compact JSON bytes, for the changelog topic.

Format (version 1)::

    {"v": 1, "i": [[event_id, epoch_us], ...], "r": [[epoch_us, anger, technique], ...]}

Times are UTC microseconds and floats keep their exact value, so a restored history equals
the one that was written.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from worker.core.types import AbuseIncident, History

__all__ = ["HistoryCodecError", "decode_history", "encode_history"]

_VERSION = 1


class HistoryCodecError(ValueError):
    """A changelog value this version cannot read."""


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)


def _us(t: datetime) -> int:
    return (t - _EPOCH) // _US


def _dt(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=us)


def encode_history(history: History) -> bytes:
    data = {
        "v": _VERSION,
        "i": [[inc.event_id, _us(inc.occurred_at)] for inc in history.incidents],
        "r": [[_us(t), anger, technique] for t, anger, technique in history.recent],
    }
    return json.dumps(data, separators=(",", ":")).encode()


def decode_history(value: bytes) -> History:
    try:
        data = json.loads(value)
        if data.get("v") != _VERSION:
            raise HistoryCodecError(f"unknown history version {data.get('v')!r}")
        return History(
            incidents=tuple(AbuseIncident(str(e), _dt(int(ms))) for e, ms in data["i"]),
            recent=tuple((_dt(int(ms)), float(a), str(tech)) for ms, a, tech in data["r"]),
        )
    except HistoryCodecError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise HistoryCodecError(f"unreadable history: {type(exc).__name__}") from None
