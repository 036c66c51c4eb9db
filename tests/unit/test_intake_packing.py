"""A forked reader's frames packed into Arrow tables come back equal: values, dtypes and row index."""

from __future__ import annotations

import pickle
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest

from paritrana_nb.intake.packing import pack, unpack

try:
    _TEXT = pd.StringDtype("python", na_value=np.nan)  # the text columns intake's frames hold
except TypeError:  # pandas before 2.3
    _TEXT = pd.StringDtype("python")


@dataclass
class _Sub:
    frame: pd.DataFrame | None


def _frame(rows: list[int], names: list[object], amounts: list[float]) -> pd.DataFrame:
    index = pd.Index(rows, dtype=np.int64, name="baris")
    return pd.DataFrame(
        {"nama": pd.Series(names, index=index, dtype=_TEXT), "jumlah": np.array(amounts, dtype=np.float64)},
        index=index,
    )


def test_frames_come_back_equal_after_the_trip() -> None:
    frames = [
        _frame([2, 3, 5], ["PT A", None, " spasi "], [1.0, np.nan, -0.0]),
        None,
        _frame([2], ["<b>Ûñí</b>"], [1e300]),
        pd.DataFrame({"nama": ["x"], "jumlah": [1]}, index=pd.RangeIndex(2, 3, name="baris")),  # int64: kept as is
        _frame([], [], []),  # no rows: kept as is
        pd.DataFrame({"kode": pd.Series(["11"], dtype=_TEXT)}, index=pd.RangeIndex(2, 3, name="baris")),
    ]
    subs = [_Sub(None if f is None else f.copy()) for f in frames]
    packed = pack(subs)
    assert len(packed) == 2  # the two kinds of frames of floats and text; the others stay
    assert [s.frame is None for s in subs] == [True, True, True, False, False, True]
    trip = pickle.loads(pickle.dumps((subs, packed)))  # noqa: S301 - our own bytes, as a forked reader sends them
    unpack(*trip)
    assert trip[0][0].frame is not None and trip[0][0].frame["nama"].tolist()[::2] == ["PT A", " spasi "]
    for sub, frame in zip(trip[0], frames, strict=True):
        if frame is None:
            assert sub.frame is None
            continue
        assert sub.frame is not None
        pd.testing.assert_frame_equal(sub.frame, frame, check_index_type=True)
        assert type(sub.frame.index) is type(frame.index)
        assert list(sub.frame.dtypes) == list(frame.dtypes)
    assert np.signbit(trip[0][0].frame["jumlah"].iloc[2])  # -0.0 stays negative zero


@pytest.mark.parametrize("name", [None, "teks"])
def test_a_missing_text_stays_missing_and_an_empty_text_stays_empty(name: str | None) -> None:
    subs = [_Sub(_frame([2, 3], ["", name], [1.0, 2.0]))]
    expected = subs[0].frame
    unpack(subs, pack(subs))
    assert subs[0].frame is not None and expected is not None
    assert subs[0].frame["nama"].iloc[0] == "" and subs[0].frame["nama"].isna().iloc[1] == (name is None)


def test_text_arrow_cannot_hold_travels_as_it_is() -> None:
    frame = _frame([2], ["\ud800"], [1.0])  # a lone surrogate: no UTF-8 for it
    subs = [_Sub(frame)]
    assert pack(subs) == [] and subs[0].frame is frame
