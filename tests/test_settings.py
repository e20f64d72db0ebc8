"""settings.toml: every section an administrator may write, read strictly, and used."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Pt
from helpers import password_file, proven
from memory_keyring import PlaintextKeyring, use_keyring

from workstation import cli
from workstation.errors import ConfigError
from workstation.opinion import template as tpl
from workstation.settings import Settings, load_settings


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.toml") == Settings()


def test_every_section_is_read(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    shutil.copy(tpl.default_template(), tmp_path / "templates" / "本局模板.docx")
    path = write(
        tmp_path,
        "[import]\nmax_entries = 50\n"
        '[review]\nrule_pack = "cn-xuecheng-2017"\n'
        '[opinion]\ntemplate = "templates/本局模板.docx"\n'
        "[signing]\nallow_plaintext_keyring = true\n",
    )
    settings = load_settings(path)
    assert settings.import_limits.max_entries == 50
    assert settings.rule_pack == "cn-xuecheng-2017"
    # A relative template path is taken from the data folder, where settings.toml is.
    assert settings.opinion_template == tmp_path / "templates" / "本局模板.docx"
    assert settings.allow_plaintext_keyring is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[printing]\nx = 1\n", "[printing] 不是已知的设置节"),
        ("[signing]\nplaintext = true\n", "signing.plaintext 不是已知的设置项"),
        ('[signing]\nallow_plaintext_keyring = "yes"\n', "应为 true 或 false"),
        ("[opinion]\ntemplate = 3\n", "opinion.template 应为意见书模板"),
        ('[opinion]\ntemplate = "无此模板.docx"\n', "无此模板.docx 不存在"),
        ('[review]\nrule_pack = ""\n', "review.rule_pack 应为规则包标识或文件路径"),
        ("opinion = 1\n", "opinion 应为一个表"),
    ],
)
def test_a_bad_setting_is_refused_naming_it(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text))
    assert message in caught.value.message
    assert str(tmp_path / "settings.toml") in caught.value.message


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(proven(["--data-dir", str(data_dir), *args]))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_a_plaintext_keyring_is_used_only_when_the_settings_allow_it(
    run: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = PlaintextKeyring()
    use_keyring(monkeypatch, backend)
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", "审核口令-2026-春")
    assert run("users", "add", "admin", "--name", "管理员", "--role", "administrator")[0] == 0
    assert (
        run("--user", "admin", "users", "add", "li", "--name", "李华", "--role", "division_head")[0]
        == 0
    )

    root = [
        "--root-passphrase-file",
        str(password_file(data_dir.parent / "root", "根密钥口令-2026")),
    ]
    code, _, err = run("--user", "admin", "office-root", "create", "--office", "法制科", *root)
    assert code == 3
    assert "allow_plaintext_keyring = true" in err
    assert backend.entries == {}

    write(data_dir, "[signing]\nallow_plaintext_keyring = true\n")
    code, out, _ = run("--user", "admin", "office-root", "create", "--office", "法制科", *root)
    assert code == 0, out
    code, out, _ = run("--user", "admin", "keys", "add", "li", *root)
    assert code == 0, out
    assert "明文后端" in out
    assert sorted(backend.entries) == [
        ("legal-review-workstation", "<office-root>"),
        ("legal-review-workstation", "li"),
    ]


def test_the_office_template_is_the_one_the_opinion_uses(
    run: Any, data_dir: Path, make_bundle: Any
) -> None:
    # The office's template: the shipped one with the body set in 14 pt instead of 16 pt.
    office = docx.Document(str(tpl.default_template()))
    office.styles[tpl.STYLE_BODY].font.size = Pt(14)
    data_dir.mkdir(parents=True)
    office.save(str(data_dir / "本局意见书模板.docx"))
    write(data_dir, '[opinion]\ntemplate = "本局意见书模板.docx"\n')

    assert run("import", str(make_bundle()))[0] == 0
    assert run("users", "add", "admin", "--name", "管理员", "--role", "administrator")[0] == 0
    assert (
        run("--user", "admin", "users", "add", "wang", "--name", "王明", "--role", "reviewer")[0]
        == 0
    )
    assert run("--user", "wang", "workflow", "C1", "accept")[0] == 0
    assert (
        run("--user", "wang", "review", "C1", "--outcome", "return", "--reasons", "证据不足")[0]
        == 0
    )
    out_file = data_dir.parent / "意见书.docx"
    code, _, err = run("--user", "wang", "opinion", "draft", "C1", "--out", str(out_file))
    assert code == 0, err

    drafted = docx.Document(io.BytesIO(out_file.read_bytes()))
    assert drafted.styles[tpl.STYLE_BODY].font.size == Pt(14)
    assert any(p.text == "理由：证据不足" for p in drafted.paragraphs)


def test_the_media_engine_is_auto_unless_the_office_chooses(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.toml"
    assert load_settings(settings_file).media_engine == "auto"
    settings_file.write_text('[media]\nengine = "vlc"\n', encoding="utf-8")
    assert load_settings(settings_file).media_engine == "vlc"
    settings_file.write_text('[media]\nengine = "mplayer"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="media.engine"):
        load_settings(settings_file)
