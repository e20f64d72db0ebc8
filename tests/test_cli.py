"""The command line: conventions of shared/spec/cli.md (exit codes, one Chinese line on
stderr, no tracebacks, naming a case)."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case, proven

import workstation
from workstation import cli


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    """Run `workstation --data-dir … ARGS` in this process; returns (code, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(proven(["--data-dir", str(data_dir), "--user", "审核员甲", *args]))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def _one_chinese_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert any("\u4e00" <= c <= "\u9fff" for c in lines[0])
    return lines[0]


def test_version_through_the_installed_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "workstation", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"workstation {workstation.__version__}"


def test_import_then_list(run: Any, make_bundle: Any) -> None:
    code, out, err = run("import", str(make_bundle()))
    assert (code, err) == (0, "")
    assert out.startswith("已导入 C1 薛市监罚〔2026〕12号 第 1 版")
    code, out, _ = run("cases")
    header, row = out.strip().splitlines()
    assert header.split() == [
        "编号",
        "案号",
        "案由",
        "当事人",
        "类别",
        "版本",
        "送审时间",
        "审核状态",
        "审核期限",
    ]
    assert row.split() == [
        "C1",
        "薛市监罚〔2026〕12号",
        "销售过期食品案",
        "枣庄市某某超市有限公司",
        "行政处罚",
        "1",
        "2026-03-10",
        "09:00",
        "待审核",
        "—",
    ]
    code, out, _ = run("cases", "--json")
    [listed] = json.loads(out)
    assert listed["id"] == "C1"
    assert listed["versions"] == 1
    assert listed["party"]


def test_import_json_output_lists_findings(run: Any, make_bundle: Any) -> None:
    bundle = make_bundle(files={"extra.txt": b"x"})
    code, out, _ = run("import", str(bundle), "--json")
    result = json.loads(out)
    assert code == 0
    assert (result["outcome"], result["case"], result["version"]) == ("imported", "C1", 1)
    assert [f["code"] for f in result["findings"]] == ["UNREFERENCED"]


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp, mb: mb(minimal_case(action_type="fine")),
        lambda tmp, mb: tmp / "does-not-exist",
        lambda tmp, mb: (tmp / "x.zip").write_bytes(b"junk") and tmp / "x.zip",
    ],
)
def test_bad_bundle_exits_2_with_one_line(
    run: Any, make_bundle: Any, tmp_path: Path, make: Any
) -> None:
    code, out, err = run("import", str(make(tmp_path, make_bundle)))
    assert code == 2
    assert out == ""
    assert _one_chinese_line(err).startswith("workstation: ")


def test_naming_a_case(run: Any, make_bundle: Any, tmp_path: Path) -> None:
    run("import", str(make_bundle()))
    run("import", str(make_bundle(minimal_case(title="补正后"))))
    run("import", str(make_bundle(minimal_case(agency={"name": "另一执法局"}))))
    for reference, title in (
        ("C1", "补正后"),
        ("c1@v1", "销售过期食品案"),
        ("C1@V2", "补正后"),
        ("C2", "销售过期食品案"),
    ):
        out = tmp_path / f"export-{reference}"
        assert run("export", reference, str(out))[0] == 0
        assert json.loads((out / "case.json").read_text("utf-8"))["case"]["title"] == title
    code, _, err = run("verify", "C1@v3")
    assert code == 2
    assert "没有第 3 版，共 2 版" in _one_chinese_line(err)
    code, _, err = run("verify", "薛市监罚〔2026〕12号")
    line = _one_chinese_line(err)
    assert code == 2
    assert "C1" in line
    assert "C2" in line
    assert "请用编号指定" in line
    code, _, err = run("verify", "C99999999999999999999")
    assert code == 2
    assert "找不到案件" in _one_chinese_line(err)
    code, _, err = run("verify", "C9")
    assert code == 2
    assert "找不到案件 C9" in _one_chinese_line(err)
    assert run("verify", "C2")[0] == 0


def test_verify_exit_status(run: Any, make_bundle: Any, data_dir: Path) -> None:
    run("import", str(make_bundle(files={"a.txt": b"evidence"})))
    code, out, _ = run("verify")
    assert code == 0
    assert "全部完好" in out
    stored = next(
        p for p in (data_dir / "evidence").glob("??/??/*") if p.read_bytes() == b"evidence"
    )
    os.chmod(stored, 0o644)
    stored.write_bytes(b"changed!")
    code, out, _ = run("verify", "C1")
    assert code == 1
    assert "内容已被改动" in out
    assert "a.txt" in out


def test_export_round_trip_through_the_cli(run: Any, make_bundle: Any, tmp_path: Path) -> None:
    run("import", str(make_bundle()))
    code, out, _ = run("export", "C1", str(tmp_path / "out.zip"))
    assert code == 0
    assert "已导出到" in out
    code, out, _ = run("import", str(tmp_path / "out.zip"))
    assert code == 0
    assert "未作更改" in out
    code, _, err = run("export", "C1", str(tmp_path / "out.zip"))
    assert code == 2
    assert "已存在" in _one_chinese_line(err)


def test_invalid_settings_exit_3(run: Any, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text("[import]\nmax_entries = -1\n", encoding="utf-8")
    code, _, err = run("cases")
    assert code == 3
    assert "import.max_entries 应为正数" in _one_chinese_line(err)


def test_invalid_database_url_exits_3(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["--data-dir", str(data_dir), "--db", "nosuchdb://x", "cases"])
    assert code == 3
    assert "数据库地址无效" in _one_chinese_line(capsys.readouterr().err)


def test_unexpected_errors_are_logged_not_shown(
    run: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "cmd_cases", broken)
    code, _, err = run("cases")
    line = _one_chinese_line(err)
    assert code == 4
    assert "内部错误：RuntimeError: boom" in line
    log = data_dir / "logs" / "workstation.log"
    assert str(log) in line
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_no_display_says_how_to_run_under_xvfb(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, "-m", "workstation", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 4
    assert "xvfb-run -a make run" in _one_chinese_line(done.stderr)


def test_make_run_imports_the_demo_cases_once_then_opens_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from workstation.demo.accounts import DEMO_PASSWORD

    opened: list[tuple[str, int]] = []

    def desktop(opening: Any, last_login: str) -> int:
        """What the login dialog would do: the demo reviewer logs in with the demo password."""
        signed_in = opening.log_in("zhaomin", DEMO_PASSWORD)
        opened.append((last_login, len(opening.finish().list_cases(signed_in.login))))
        return 0

    monkeypatch.setenv("WORKSTATION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr("workstation.ui.shell.launcher.launch", desktop)
    assert cli.main_demo() == 0
    printed = capsys.readouterr().out
    assert "已导入 C1" in printed
    assert "zhaomin" in printed
    assert DEMO_PASSWORD in printed
    assert cli.main_demo() == 0  # second start: the cases are there, nothing regenerated
    assert capsys.readouterr().out == ""
    assert opened == [("zhaomin", 5), (getpass.getuser(), 5)]
    settings = (tmp_path / "data" / "settings.toml").read_text(encoding="utf-8")
    assert 'rule_pack = "demo-zaozhuang-2026"' in settings


@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path, unbuffered: str) -> None:
    """`workstation cases | head -0`: the reader is gone before the command prints."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        ran = subprocess.run(
            [sys.executable, "-m", "workstation", "--data-dir", str(tmp_path / "d"), "cases"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": unbuffered},
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert ran.returncode == 4
    assert ran.stderr == b""
