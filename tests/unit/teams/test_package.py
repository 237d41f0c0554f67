"""The Teams app package: manifest with the ids filled in, and icons of the sizes Teams wants."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from PIL import Image

from bot.teams.package import APP_PACKAGE, build_package, manifest

APP_ID = "5b0c3f2e-8a1d-4e6f-9b7c-2d4e6f8a0b1c"


def test_the_package_holds_the_filled_manifest_and_both_icons() -> None:
    data = build_package(app_id=APP_ID, developer_name="Buskerud «IKS»", developer_url="https://example.no/m")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == ["color.png", "manifest.json", "outline.png"]
        filled = json.loads(zf.read("manifest.json"))
        color = Image.open(io.BytesIO(zf.read("color.png")))
        outline = Image.open(io.BytesIO(zf.read("outline.png")))
    assert filled["id"] == APP_ID
    assert filled["bots"][0]["botId"] == APP_ID
    assert filled["developer"]["name"] == "Buskerud «IKS»"
    assert filled["developer"]["privacyUrl"] == "https://example.no/m"
    assert "${{" not in json.dumps(filled)
    assert set(filled["bots"][0]["scopes"]) == {"personal", "team", "groupChat"}
    assert color.size == (192, 192)
    assert outline.size == (32, 32)
    # The outline icon is white on transparent, as Teams requires.
    rgba = outline.convert("RGBA")
    colours = {tuple(rgba.getpixel((x, y)) or ()) for x in range(32) for y in range(32)}  # type: ignore[arg-type]
    assert {c for c in colours if c[3] > 0} == {(255, 255, 255, 255)}


def test_the_source_manifest_is_json_with_placeholders() -> None:
    source = json.loads((APP_PACKAGE / "manifest.json").read_text(encoding="utf-8"))
    assert source["manifestVersion"] == "1.19"
    assert source["bots"][0]["botId"] == "${{TEAMS_APP_ID}}"


@pytest.mark.parametrize(
    ("app_id", "url"), [("not-a-guid", "https://example.no"), (APP_ID, "http://example.no")]
)
def test_bad_ids_and_urls_are_refused(app_id: str, url: str) -> None:
    with pytest.raises(ValueError):
        manifest(app_id=app_id, developer_name="X", developer_url=url)


@pytest.mark.parametrize("name", ["", "   ", "Buskerud interkommunale samarbeid"])  # the last is 33
def test_a_developer_name_teams_would_refuse_is_refused_here(name: str) -> None:
    with pytest.raises(ValueError, match="1–32"):
        manifest(app_id=APP_ID, developer_name=name, developer_url="https://example.no/m")


def test_a_developer_name_of_exactly_32_characters_is_taken() -> None:
    name = "Buskerud interkommunale samarbei"
    assert len(name) == 32
    filled = manifest(app_id=APP_ID, developer_name=name, developer_url="https://example.no/m")
    assert filled["developer"]["name"] == name  # type: ignore[index]


def test_a_developer_url_over_the_schema_limit_is_refused() -> None:
    long_url = "https://example.no/" + "a" * 2030  # 2049 characters; the schema allows 2048
    with pytest.raises(ValueError, match="websiteUrl has 2049 characters, at most 2048"):
        manifest(app_id=APP_ID, developer_name="X", developer_url=long_url)
    manifest(app_id=APP_ID, developer_name="X", developer_url=long_url[:-1])


def test_a_manifest_source_over_the_schema_limits_is_refused(tmp_path: Any) -> None:
    source = json.loads((APP_PACKAGE / "manifest.json").read_text(encoding="utf-8"))
    source["name"]["short"] = "M" * 31
    commands = source["bots"][0]["commandLists"][0]["commands"]
    commands[0]["description"] = "d" * 129
    commands.extend({"title": f"k{i}", "description": "x"} for i in range(11 - len(commands)))
    (tmp_path / "manifest.json").write_text(json.dumps(source), encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        manifest(app_id=APP_ID, developer_name="X", developer_url="https://example.no", source=tmp_path)
    problem = str(caught.value)
    assert "name.short has 31 characters, at most 30" in problem
    assert "11 commands, at most 10" in problem
    assert "description over 128" in problem
