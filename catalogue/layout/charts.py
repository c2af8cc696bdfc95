"""Geometry of the dashboards' charts, drawn as SVG when the site is built (no chart JavaScript).

Two shapes: a stacked bar (parts of one whole: the results of an agency's SOPs, its follow-ups) and a set of
horizontal bars (one share per row: the evaluation coverage of each agency). A chart carries the sentence
that describes it, for readers who cannot see it. Colours are CSS classes (the site's stylesheet gives
them a light and a dark value); text is drawn in ``currentColor``.
"""

from __future__ import annotations

from dataclasses import dataclass

ROW_HEIGHT = 28
LABEL_WIDTH = 260
BAR_WIDTH = 400
LEGEND_ROW = 22


@dataclass(frozen=True)
class Segment:
    label: str
    value: int
    tone: str  # CSS class suffix: ok, perbaikan, belum, terlambat, proses
    x: float = 0.0
    width: float = 0.0


@dataclass(frozen=True)
class StackedBar:
    title: str
    description: str
    segments: tuple[Segment, ...]
    total: int
    width: int = BAR_WIDTH
    height: int = 0

    @property
    def legend_y(self) -> int:
        return ROW_HEIGHT + 14


def stacked_bar(title: str, parts: list[tuple[str, int, str]], unit: str) -> StackedBar:
    """One bar split in proportion to ``parts`` (label, value, tone); an empty whole is drawn as an outline."""
    total = sum(v for _, v, _ in parts)
    x = 0.0
    segments = []
    for label, value, tone in parts:
        width = BAR_WIDTH * value / total if total else 0.0
        segments.append(Segment(label, value, tone, round(x, 2), round(width, 2)))
        x += width
    said = "; ".join(f"{label}: {value}" for label, value, _ in parts)
    description = f"{title}. Dari {total} {unit}: {said}." if total else f"{title}. Belum ada {unit}."
    height = ROW_HEIGHT + 14 + LEGEND_ROW * len(parts)
    return StackedBar(title, description, tuple(segments), total, BAR_WIDTH, height)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int  # part
    total: int  # whole
    y: int
    width: float

    @property
    def percent(self) -> int:
        return round(100 * self.value / self.total) if self.total else 0


@dataclass(frozen=True)
class Bars:
    title: str
    description: str
    bars: tuple[Bar, ...]
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars) + 8

    @property
    def width(self) -> int:
        return self.label_width + self.bar_width + 120


def share_bars(title: str, rows: list[tuple[str, int, int]], unit: str) -> Bars:
    """One bar per row (label, part, whole), its length the part's share of the whole."""
    bars = tuple(
        Bar(label, part, whole, i * ROW_HEIGHT + 4, round(BAR_WIDTH * part / whole, 2) if whole else 0.0)
        for i, (label, part, whole) in enumerate(rows)
    )
    said = "; ".join(f"{b.label}: {b.value} dari {b.total} {unit} ({b.percent}%)" for b in bars)
    return Bars(title, f"{title}. {said}." if bars else f"{title}. Belum ada data.", bars)
