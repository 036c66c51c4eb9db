"""Every colour a chart draws (the reports' matplotlib charts, a card's bars and strips, the explorer's bars) and every
colour of a page (its text, rules, tints and focus ring: the style sheets' and the templates'), in one place: templates
and style sheets read it as the global `palette` (templating.environment); no style sheet writes a colour of its own
(`tests/unit/test_palette.py`).

A mark whose colour carries meaning (a bar, a dot, a line, an interval's outline) has a contrast ratio of at least
3:1 against every surface it is drawn on (WCAG 2.1 SC 1.4.11): the chart's background, a card bar's track and an
interval's tint. Surfaces themselves need not: what they show is drawn by the marks on them (an interval's extent by
its outline). Gridlines only help to read a value the axis and the table under each chart give: they are no mark.
Series told apart by colour are told apart by a hatch, a marker or a line style too, which the legend shows.
`tests/unit/test_palette.py` draws every chart and checks each colour it finds.
"""

from __future__ import annotations

#: The chart's and the page's background.
BACKGROUND = "#ffffff"
#: The empty part of a card's indicator bar and the line of its rank strip, on which their marks are drawn.
TRACK = "#e4e9ee"
#: The inside of a rank interval (tied: TIE_TINT), on which its median dot and official rank's diamond are drawn.
INTERVAL_TINT = "#e8f3ee"
TIE_TINT = "#fdeede"
#: Gridlines: no mark (the axis and the chart's table give each value).
GRID = "#e5e7eb"
#: Surfaces: every mark is checked against each.
SURFACES = (BACKGROUND, TRACK, INTERVAL_TINT, TIE_TINT)

#: A score's parts (indicators) in turn; a part is told from its neighbours by a hatch too (HATCHES).
PALETTE = ("#0b6e4f", "#2f7fc1", "#a16207", "#c2410c", "#7c3aed", "#0e7490", "#4d7c0f", "#be185d", "#854d0e")
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--", "||")
#: The interview's part of a score.
INTERVIEW_COLOUR = "#6b7280"
#: Coverage: last season's (an open circle), this season's (a filled one), a rise (solid), a fall (dashed), the target.
#: A rise and a fall colour the explorer's rank moves too (explorer_parts.html.j2).
PREVIOUS = "#6b7280"
CURRENT = "#0b6e4f"
RISE = "#0b6e4f"
FALL = "#b00020"
TARGET = "#c2410c"
#: A rank interval's outline (a statistical tie's: TIE, dashed), its median rank and the official rank.
INTERVAL = "#0b6e4f"
TIE = "#b45309"
MEDIAN = "#111827"
OFFICIAL = "#c2410c"
#: One value across provinces.
COMPARISON = "#2f7fc1"
#: A card's indicator bar: the participant's value, the group's median and its first place (dashed).
VALUE = "#0b6e4f"
GROUP_MEDIAN = "#1d2733"
FIRST_PLACE = "#a15c00"

#: A page's colours (page.css, report.css, the tracker's and the explorer's rules, a printed report's foot): its text,
#: quieter text (notes, the footer), rules between rows, the accent (headings' rule, a passed badge), a warning's and a
#: failure's colour, and the explorer's keyboard focus ring; text, not chart marks.
INK = "#1d2733"
MUTED = "#5b6775"
ACCENT = "#0b6e4f"
WARN = "#a15c00"
BAD = "#b00020"
FOCUS = "#1d4ed8"
#: A page's light surfaces, under its text: a table header's, a warning's and a banner's, a passed and a failed badge's;
#: and the rule under a table's rows and around a card's frame. No chart mark is drawn on them.
LINE = "#d7dde4"
HEADER = "#f2f5f8"
WARN_TINT = "#fff4d6"
GOOD_TINT = "#e6f2ec"
BAD_TINT = "#fde7ea"
PAGE_SURFACES = (LINE, HEADER, WARN_TINT, GOOD_TINT, BAD_TINT)
