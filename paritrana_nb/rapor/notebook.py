"""One participant's card inside JupyterLab (notebooks/rapor_peserta.ipynb): the page `paritrana rapor --id`
writes, shown in a frame so that its style sheet stays inside it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..messages import t
from ..problems import ParameterInvalid, SeasonInvalid, UserError
from ..report.context import load_inputs, methodology_file
from ..report.prepared import check_parameters, in_language
from ..templating import environment
from ..uncertainty import DEFAULT_DRAWS, DEFAULT_SEED
from .data import missing_participant, prepare_cards, previous_season
from .render import Pages, card_page


class UnknownParticipant(UserError, KeyError):
    """No participant has the id asked for; its text is the message itself, not KeyError's quoted repr."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class CardFrame:
    """A card page; JupyterLab shows it in a frame (`_repr_html_`)."""

    page: str
    title: str

    def _repr_html_(self) -> str:
        return environment().get_template("rapor_frame.html.j2").render(page=self.page, title=self.title)


def card(
    musim: int,
    id_peserta: str,
    data_dir: str | Path,
    params_dir: str | Path,
    lang: str = "id",
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> CardFrame:
    """The card of participant `id_peserta` of season `musim`, as `paritrana rapor --id` writes it.

    Raises ValueError for a parameter out of range or of the wrong type (`check_parameters`: `musim`, the folders,
    draws, seed, `lang`; an id papermill -p read as a number),
    MethodologyInvalid or SeasonInvalid for invalid inputs, UnknownParticipant (a KeyError) when no participant has
    that id, saying it as `paritrana rapor --id` does (with the ids it was likely meant to be).
    """
    check_parameters(lang, musim=musim, data_dir=data_dir, params_dir=params_dir, simulasi=draws, seed=seed)
    if not isinstance(id_peserta, str):  # papermill -p 61.10 gives 61.1, -p 0190472050 gives 190472050
        raise ParameterInvalid(t("nb.id_not_text", lang, value=repr(id_peserta)))
    with in_language(lang):
        return _card(musim, id_peserta, data_dir, params_dir, lang, draws, seed)


def _card(
    musim: int, id_peserta: str, data_dir: str | Path, params_dir: str | Path, lang: str, draws: int, seed: int
) -> CardFrame:
    data, params = Path(data_dir), Path(params_dir)  # as given: a message names them so, as the reports' notebooks do
    path = methodology_file(params, musim)
    methodology, result = load_inputs(musim, data, path, notebook=True)
    if result.season is None:
        raise SeasonInvalid(result.report)
    cards = prepare_cards(
        result.season,
        methodology,
        path,
        result.report,
        ids=[id_peserta],
        previous=previous_season(result.season, data, params),
        draws=draws,
        seed=seed,
    )
    if not len(cards.selected):
        raise UnknownParticipant(missing_participant(cards, id_peserta, musim, lang))
    pages = Pages.of(cards, lang)
    return CardFrame(card_page(cards, pages, cards.selected[:1])[0], str(cards.peserta["nama"].iloc[cards.selected[0]]))
