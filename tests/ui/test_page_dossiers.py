"""The Dossiers page: renders on an empty and a seeded workspace, shows the gauge and every
section, moves the status draft -> ready -> released (then offers no move; no move at all while
the run executes or rebuilds), serves the Markdown export, compares versions, shows media as
links (never fetching an image), and never renders untrusted text as HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from engine.export import export_dossier
from engine.export.citations import media_entries
from engine.models.claims import Claim
from engine.models.dossier import SECTION_TITLES, DossierRecord
from engine.models.run import RunRecord
from engine.store import Store
from tests.ui.conftest import ORG, ROOT

PAGE = "pages/dossiers.py"
HOSTILE = "<script>alert(1)</script> **loud** <img src=x onerror=alert(2)> [search_001]"
UNESCAPED_TAG = re.compile(r"(?<!\\)<(script|img)")


def stored(path: Path, run: RunRecord) -> DossierRecord:
    with Store(path) as store:
        record = store.get_dossier(ORG, run.dossier_id)
    assert record is not None
    return record


def status_buttons(at: AppTest) -> list[str]:
    return [b.key for b in at.button if b.key and b.key.startswith("dossier_status_")]


def assert_no_html(at: AppTest) -> None:
    for element in [*at.markdown, *at.caption]:
        assert not element.proto.allow_html
        assert not UNESCAPED_TAG.search(element.value), element.value


def test_renders_on_an_empty_workspace(empty_db: Path, app_at: Callable[[str], AppTest]) -> None:
    at = app_at(PAGE)
    assert not at.exception
    assert any("No dossiers yet" in info.value for info in at.info)


def test_renders_the_seeded_dossier_with_gauge_and_every_section(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    at = app_at(PAGE)
    assert not at.exception
    assert at.selectbox(key="dossier_select").value == run.dossier_id
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = charts[0].proto.spec
    assert '"type":"indicator"' in spec and '"gauge"' in spec
    assert f'"value":{stored(path, run).lead_score}' in spec
    subheaders = [s.value for s in at.subheader]
    for title in SECTION_TITLES.values():
        assert title in subheaders
    assert_no_html(at)


def test_status_moves_to_ready_then_released_and_then_offers_no_move(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    at = app_at(PAGE)
    assert status_buttons(at) == ["dossier_status_ready"]
    at.button(key="dossier_status_ready").click().run()
    assert not at.exception and not at.error
    assert stored(path, run).status == "ready"
    assert sorted(status_buttons(at)) == ["dossier_status_draft", "dossier_status_released"]

    at.button(key="dossier_status_released").click().run()
    assert not at.exception and not at.error
    released = stored(path, run)
    assert released.status == "released" and released.released_at is not None
    assert status_buttons(at) == []
    assert any("final" in info.value for info in at.info)


def test_status_buttons_are_disabled_while_the_run_executes_or_rebuilds(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    with Store(path) as store:
        store.set_run_status(ORG, run.run_id, "running")  # as during a rebuild
    at = app_at(PAGE)
    assert not at.exception
    assert at.button(key="dossier_status_ready").disabled
    assert any("cannot change status" in caption.value for caption in at.caption)
    with Store(path) as store:
        store.set_run_status(ORG, run.run_id, "succeeded")
    at.run()
    assert not at.button(key="dossier_status_ready").disabled
    at.button(key="dossier_status_ready").click().run()
    assert not at.exception and not at.error
    assert stored(path, run).status == "ready"


def test_media_are_shown_as_links_and_no_image_is_fetched(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    record = stored(path, run)
    asset = {
        "asset_id": "img_9",
        "asset_type": "photo",
        "caption_suggested": "Kestrel Lake site",
        "image_url": "https://images.example/kestrel.png",
        "source_page_url": "https://news.example/kestrel",
    }
    assets = [*record.media.get("image_assets", []), asset]
    with Store(path) as store:
        store.save_dossier(
            ORG,
            record.model_copy(update={"media": {**record.media, "image_assets": assets}}),
            reason="media",
        )
    at = app_at(PAGE)
    assert not at.exception
    assert not at.get("imgs")  # st.image would make the browser fetch the URL
    captions = [caption.value for caption in at.caption]
    assert any("[Image](<https://images.example/kestrel.png>)" in c for c in captions)
    assert any("[Source page](<https://news.example/kestrel>)" in c for c in captions)
    assert len(media_entries(stored(path, run))) == len(assets)


class RecordingStorage(MemoryMediaFileStorage):
    """The in-memory media storage AppTest uses, kept so a test can read the files back."""

    opened: list[RecordingStorage] = []

    def __init__(self, media_endpoint: str) -> None:
        super().__init__(media_endpoint)
        RecordingStorage.opened.append(self)


def test_the_markdown_download_is_the_markdown_export(
    seeded_db: tuple[Path, RunRecord],
    app_at: Callable[[str], AppTest],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, run = seeded_db
    RecordingStorage.opened = []
    monkeypatch.setattr("streamlit.testing.v1.app_test.MemoryMediaFileStorage", RecordingStorage)
    at = app_at(PAGE)
    assert not at.exception
    keys = [b.key for b in at.get("download_button")]
    assert keys == ["dossier_download_json", "dossier_download_md", "dossier_download_html"]
    button = next(b for b in at.get("download_button") if b.key == "dossier_download_md")
    file_name = button.proto.url.rsplit("/", 1)[-1]
    data = RecordingStorage.opened[-1].get_file(file_name).content
    assert data.decode("utf-8") == export_dossier(stored(path, run), "md")
    assert file_name.endswith(".md")


def test_two_versions_are_compared_section_by_section(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    record = stored(path, run)
    intro = record.sections["INTRO"]
    sentence = intro.sentences[0].model_copy(update={"text": "An edited opening sentence."})
    edited = record.model_copy(
        update={
            "lead_score": record.lead_score - 5,
            "sections": {
                **record.sections,
                "INTRO": intro.model_copy(update={"sentences": [sentence, *intro.sentences[1:]]}),
            },
        }
    )
    with Store(path) as store:
        store.save_dossier(ORG, edited, reason="edited in a test")
    at = app_at(PAGE)
    assert not at.exception
    assert at.selectbox(key="dossier_diff_a").value == 1
    assert at.selectbox(key="dossier_diff_b").value == 2
    diffs = [code.value for code in at.code]
    assert len(diffs) == 1 and "+An edited opening sentence." in diffs[0]
    assert any("Introduction" in m.value and "changed" in m.value for m in at.markdown)

    at.selectbox(key="dossier_diff_a").set_value(2).run()
    assert not at.exception and not at.code
    assert any("two different versions" in info.value for info in at.info)


def test_untrusted_claim_text_is_never_rendered_as_html(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    record = stored(path, run)
    hostile_claim = Claim(
        claim_id="manual_001",
        claim_type="NOTE",
        statement=HOSTILE,
        source_url="javascript:alert(3)",
        source_name="<b>Evil</b> source",
        source_tier="OTHER",
        confidence="LOW",
    )
    intro = record.sections["INTRO"]
    sentence = intro.sentences[0].model_copy(update={"text": HOSTILE, "claim_ids": ["manual_001"]})
    tampered = intro.model_copy(
        update={
            "sentences": [sentence, *intro.sentences[1:]],
            "routed_claim_ids": [*intro.routed_claim_ids, "manual_001"],
            "cited_claim_ids": [*intro.cited_claim_ids, "manual_001"],
        }
    )
    with Store(path) as store:
        store.save_claims(ORG, run.run_id, [hostile_claim])
        store.save_dossier(
            ORG,
            record.model_copy(update={"sections": {**record.sections, "INTRO": tampered}}),
            reason="hostile text",
        )
    at = app_at(PAGE)
    assert not at.exception
    assert_no_html(at)
    at.selectbox(key="dossier_citation").set_value("manual_001").run()
    assert not at.exception
    assert_no_html(at)
    shown = [m.value for m in at.markdown if "script" in m.value]
    assert shown and all("\\<script\\>" in value for value in shown)
    assert not any("javascript:" in m.value and "](" in m.value for m in at.markdown)


def test_the_page_never_allows_html() -> None:
    source = (ROOT / PAGE).read_text(encoding="utf-8")
    assert "unsafe_allow_html" not in source
    assert "st.html" not in source and "components" not in source
    assert "st.image" not in source and ".image(" not in source
