"""The typed rows of many submissions packed for the trip back from a forked reader.

A forked reader sends its files back through a pipe. Hundreds of frames of Python strings take long to pickle
and unpickle, one string at a time; the same rows as one Arrow table per kind of frame travel as a few buffers.
`unpack` gives every submission back a frame equal to the one it had: same values, dtypes and row index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd
import pyarrow as pa

from ..cache import python_texts


class _HasFrame(Protocol):
    frame: pd.DataFrame | None


@dataclass
class Packed:
    """The frames of some submissions, one after another in one Arrow table."""

    rows: pa.Table
    dtypes: dict[str, object]
    """Each column's pandas dtype, as it was."""
    members: list[tuple[int, pd.Index]]
    """(position of the submission, its frame's row index), in the order of the rows."""


def pack(subs: Sequence[_HasFrame]) -> list[Packed]:
    """Move the frames of `subs` (those with rows, of float and text columns only) into Packed tables, one per
    set of columns and dtypes; their `frame` becomes None until `unpack`. Other frames are left in place."""
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for position, sub in enumerate(subs):
        frame = sub.frame
        if frame is not None and len(frame) and _packable(frame):
            groups[(tuple(frame.columns), tuple(frame.dtypes))].append(position)
    packed = []
    for positions in groups.values():
        frames = [subs[p].frame for p in positions]
        whole = pd.concat(frames, ignore_index=True)
        try:
            rows = pa.Table.from_pandas(whole, preserve_index=False)
        except (pa.ArrowException, UnicodeError):  # text Arrow cannot hold (a lone surrogate): sent as it is
            continue
        dtypes = dict(zip(whole.columns, whole.dtypes, strict=True))  # the names are text (_packable)
        packed.append(Packed(rows, dtypes, [(p, subs[p].frame.index) for p in positions]))  # type: ignore[union-attr]  # grouped: frames with rows
        for p in positions:
            subs[p].frame = None
    return packed


def unpack(subs: Sequence[_HasFrame], packed: list[Packed]) -> None:
    """Give back to `subs` the frames `pack` took from them; text as one Python string per distinct text, as the
    readers give it (a code repeated on many rows is one object, which the checks after the merge hash once)."""
    for part in packed:
        whole = pd.DataFrame(
            {
                name: pd.Series(python_texts(part.rows.column(name)), dtype=dtype)
                if isinstance(dtype, pd.StringDtype)
                else part.rows.column(name).to_numpy()
                for name, dtype in part.dtypes.items()
            }
        )
        start = 0
        for position, index in part.members:
            subs[position].frame = whole.iloc[start : start + len(index)].set_axis(index)
            start += len(index)


def _packable(frame: pd.DataFrame) -> bool:
    """Whether Arrow brings the frame back unchanged: columns of distinct text names, each of floats or of text kept
    as Python strings."""
    return (
        frame.columns.is_unique
        and all(isinstance(name, str) for name in frame.columns)
        and all(d == np.float64 or (isinstance(d, pd.StringDtype) and d.storage == "python") for d in frame.dtypes)
    )
