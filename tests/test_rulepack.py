"""Rule packs: the shipped ones load; a bad one is refused naming the file and key path."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
import yaml

from workstation.errors import ConfigError
from workstation.rules.rulepack import RulePackLibrary
from workstation.rules.rulepack.model import Threshold

SHIPPED = [
    "cn-national-calendar",
    "cn-national-baseline",
    "cn-xuecheng-2017",
    "cn-changzhi-scjg-2022",
    "cn-ningxia-zjt-2022",
    "demo-zaozhuang-2026",
]


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_every_shipped_pack_loads(pack_id: str) -> None:
    pack = RulePackLibrary().load(pack_id)
    assert pack.id == pack_id
    assert pack.name
    assert pack.sources  # every pack says where its numbers come from


def test_every_shipped_pack_is_listed() -> None:
    assert [pack_id for pack_id, _, _ in RulePackLibrary().available()] == sorted(SHIPPED)


def test_baseline_carries_the_statutory_values() -> None:
    pack = RulePackLibrary().load("cn-national-baseline")
    assert pack.calendar is not None
    assert pack.calendar.covered_through == date(2026, 12, 31)
    assert pack.periods.hearing_request_days == 5
    assert pack.simple_procedure is not None
    assert pack.simple_procedure.max_fine == {"citizen": 200, "organisation": 3000}
    assert pack.case_deadline_days == 90
    assert pack.night_window == (time(22, 0), time(6, 0))
    assert pack.review is None  # no national review deadline (G118 leaves it to agencies)


def test_local_pack_extends_the_baseline() -> None:
    pack = RulePackLibrary().load("cn-xuecheng-2017")
    assert [p.name for p in pack.files] == [
        "cn-xuecheng-2017.yaml",
        "cn-national-baseline.yaml",
        "cn-national-calendar.yaml",
    ]
    assert pack.review is not None
    assert (pack.review.deadline_days, pack.review.extension_days) == (5, 3)
    assert pack.min_officers == 2  # inherited
    assert pack.recording_archive_hours == 24
    assert pack.valid_until == date(2022, 10, 19)
    fine = next(e for e in pack.catalog if e.label == "对公民处以5000元以上罚款")
    assert fine.min_amount == Threshold(5000, inclusive=True)


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


HEADER = "format: legal-review-rulepack/1\nid: {id}\nname: 测试\n"


def test_extends_merges_maps_and_replaces_lists(tmp_path: Path) -> None:
    write(
        tmp_path,
        "parent.yaml",
        HEADER.format(id="parent")
        + (
            "periods: {hearing_request_days: 5, hearing_notice_days: 7}\n"
            "recording_required: [seizure, enforcement]\n"
        ),
    )
    write(
        tmp_path,
        "child.yaml",
        HEADER.format(id="child")
        + ("extends: parent\nperiods: {hearing_notice_days: 10}\nrecording_required: [hearing]\n"),
    )
    pack = RulePackLibrary(tmp_path).load("child")
    assert (pack.periods.hearing_request_days, pack.periods.hearing_notice_days) == (5, 10)
    assert pack.recording_required == frozenset({"hearing"})


def test_office_packs_replace_shipped_ones_with_the_same_id(tmp_path: Path) -> None:
    write(tmp_path, "mine.yaml", HEADER.format(id="cn-national-baseline") + "min_officers: 3\n")
    assert RulePackLibrary(tmp_path).load("cn-national-baseline").min_officers == 3


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("min_officers: two\n", 'min_officers：应为整数，实际为 "two"'),
        (
            "catalog:\n  - {label: x, min_amount: {value: -1}}\n",
            "catalog[0].min_amount.value：不能小于 0",
        ),
        ("catalog:\n  - {label: x, measure: fines}\n", 'catalog[0].measure：取值 "fines" 无效'),
        ("review: {deadline_days: 5}\n", "review.day_kind：缺少必填字段"),
        ("night_window: {start: '25:00', end: '06:00'}\n", "night_window.start：应为时刻"),
        ("calendar: {holidays: [2026-02-30]}\n", "calendar.holidays[0]：日期不存在：2026-02-30"),
        (
            "provisions:\n  - {law: x, article: 1, measures: [fine], fine: {min: 9, max: 1}}\n",
            "provisions[0].fine：min（9）大于 max（1）",
        ),
        ("nonsense: 1\n", "nonsense：格式中没有这个字段"),
    ],
)
def test_bad_packs_name_the_key_and_the_problem(tmp_path: Path, body: str, expected: str) -> None:
    path = write(tmp_path, "bad.yaml", HEADER.format(id="bad") + body)
    with pytest.raises(ConfigError) as caught:
        RulePackLibrary(tmp_path).load(str(path))
    assert str(path) in caught.value.message
    assert any(expected in line for line in [caught.value.message, *caught.value.details]), (
        caught.value.details
    )
    assert caught.value.exit_code == 3


def test_unquoted_clock_times_stay_clock_times(tmp_path: Path) -> None:
    # YAML 1.1 would read 22:00 as the number 1320.
    write(
        tmp_path,
        "night.yaml",
        HEADER.format(id="night") + "night_window: {start: 22:00, end: 06:00}\n",
    )
    assert RulePackLibrary(tmp_path).load("night").night_window == (time(22), time(6))


def test_yaml_syntax_errors_give_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.yaml", HEADER.format(id="broken") + "catalog: [\n")
    with pytest.raises(ConfigError, match="第 5 行.*YAML 格式错误"):
        RulePackLibrary(tmp_path).load(str(path))


def test_unknown_pack_and_cycles_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="找不到规则包 cn-nowhere"):
        RulePackLibrary(tmp_path).load("cn-nowhere")
    write(tmp_path, "a.yaml", HEADER.format(id="a") + "extends: b\n")
    write(tmp_path, "b.yaml", HEADER.format(id="b") + "extends: a\n")
    with pytest.raises(ConfigError, match="形成循环"):
        RulePackLibrary(tmp_path).load("a")


def test_an_edited_pack_is_read_again(tmp_path: Path) -> None:
    path = write(tmp_path, "live.yaml", HEADER.format(id="live") + "min_officers: 2\n")
    library = RulePackLibrary(tmp_path)
    assert library.load("live").min_officers == 2
    path.write_text(HEADER.format(id="live") + "min_officers: 3\n# longer now\n", encoding="utf-8")
    assert library.load("live").min_officers == 3


def test_the_calendar_file_is_what_the_generator_writes() -> None:
    from workstation.resource_paths import resource_path

    text = resource_path("rulepacks", "cn-national-calendar.yaml").read_text("utf-8")
    assert text.startswith("# Generated by scripts/generate_calendar.py")
    data = yaml.safe_load(text)
    assert data["calendar"]["covered_from"] == date(2004, 1, 1)


def test_a_child_may_override_part_of_a_block(tmp_path: Path) -> None:
    write(
        tmp_path,
        "city.yaml",
        HEADER.format(id="city") + "extends: cn-xuecheng-2017\nreview: {deadline_days: 7}\n",
    )
    review = RulePackLibrary(tmp_path).load("city").review
    assert review is not None
    assert (review.deadline_days, review.day_kind, review.extension_days) == (7, "calendar", 3)


def test_a_problem_names_the_file_that_wrote_it(tmp_path: Path) -> None:
    parent = write(
        tmp_path,
        "parent.yaml",
        HEADER.format(id="parent") + "extends: cn-national-baseline\nmin_officers: 0\n",
    )
    write(tmp_path, "child.yaml", HEADER.format(id="child") + "extends: parent\n")
    with pytest.raises(ConfigError) as caught:
        RulePackLibrary(tmp_path).load("child")
    assert caught.value.details == [f"{parent}：min_officers：不能小于 1，实际为 0"]


def test_an_unchanged_pack_is_built_once_and_an_edited_parent_rebuilds_it(tmp_path: Path) -> None:
    parent = write(tmp_path, "parent.yaml", HEADER.format(id="parent") + "min_officers: 2\n")
    child = HEADER.format(id="child") + "extends: parent\n"
    write(tmp_path, "child.yaml", child)
    library = RulePackLibrary(tmp_path)
    first = library.load("child")
    assert library.load("child") is first  # every review action asks; merging costs ~20 ms
    parent.write_text(HEADER.format(id="parent") + "min_officers: 4\n#\n", encoding="utf-8")
    assert library.load("child").min_officers == 4


def test_a_pack_file_gone_between_find_and_load_is_a_config_error(tmp_path: Path) -> None:
    from workstation.rules.rulepack.loader import _file_key

    with pytest.raises(ConfigError, match="gone.yaml"):
        _file_key(tmp_path / "gone.yaml")
