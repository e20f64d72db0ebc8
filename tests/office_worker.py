"""One PC of the concurrency test: for a while, edits, imports and issues opinions against the
office's database, and writes down every write the services acknowledged.

Run as `python office_worker.py PLAN.json`; the plan names the data folder, how long to
run, the shared cases and this worker's own cases; the result goes to the plan's `out`.
"""

from __future__ import annotations

import json
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from checklist_steps import finish_checklist  # noqa: E402
from helpers import minimal_case  # noqa: E402
from sqlalchemy import select  # noqa: E402

from workstation.app import open_workstation  # noqa: E402
from workstation.errors import IllegalActionError, StorageError  # noqa: E402
from workstation.store.review_models import Opinion  # noqa: E402

REVIEWER, CLERK = "li", "zhao"
SECTIONS = ("subject", "facts", "evidence", "procedure", "law")


def main(plan_file: str) -> int:
    plan = json.loads(Path(plan_file).read_text(encoding="utf-8"))
    rng = random.Random(plan["seed"])
    done: dict[str, list[str]] = {"comments": [], "imports": [], "numbers": [], "busy": []}
    refused: list[str] = []
    crashes: list[str] = []
    own = list(plan["own_cases"])
    ws = open_workstation(plan["data_dir"])
    deadline = time.monotonic() + plan["duration_s"]
    n = 0
    try:
        while time.monotonic() < deadline:
            n += 1
            op = rng.choice(("comment",) * 6 + ("verdict",) * 2 + ("import", "issue"))
            try:
                _one(ws, op, n, rng, plan, own, done)
            except StorageError as exc:  # busy past the wait: said in Chinese, nothing kept
                done["busy"].append(exc.message)
            except IllegalActionError as exc:
                refused.append(exc.message)
            except Exception:  # noqa: BLE001 - what the test must never see
                crashes.append(traceback.format_exc())
    finally:
        ws.close()
    result = {**done, "refused": refused, "crashes": crashes, "operations": n}
    Path(plan["out"]).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


def _one(
    ws: Any,
    op: str,
    n: int,
    rng: random.Random,
    plan: dict[str, Any],
    own: list[str],
    done: dict[str, list[str]],
) -> None:
    worker = plan["worker"]
    if op == "comment":
        token = f"w{worker}-{n}"
        ws.review.set_comment(
            rng.choice(plan["shared_cases"]), rng.choice(SECTIONS), token, REVIEWER
        )
        done["comments"].append(token)
    elif op == "verdict":
        ws.review.set_verdict(
            rng.choice(plan["shared_cases"]),
            rng.choice(SECTIONS),
            rng.choice(("ok", "issue")),
            REVIEWER,
        )
    elif op == "import":
        number = f"并发〔2026〕{worker * 100000 + n}号"
        folder = Path(plan["bundles"]) / f"w{worker}-{n}"
        folder.mkdir(parents=True)
        (folder / "case.json").write_text(
            json.dumps(minimal_case(number=number), ensure_ascii=False), encoding="utf-8"
        )
        result = ws.import_bundle(folder, actor=CLERK)
        if result.outcome == "imported":
            done["imports"].append(number)
    elif op == "issue" and own:
        ref = own.pop()
        ws.review.set_outcome(ref, "approve", "", REVIEWER)
        finish_checklist(ws, ref, REVIEWER)
        ws.workflow.act(ref, "issue_opinion", REVIEWER)
        version = ws.resolve(ref)
        with ws.db.session() as session:
            numbers = session.scalars(
                select(Opinion.number).where(
                    Opinion.case_id == version.case_id, Opinion.number != ""
                )
            ).all()
        done["numbers"].extend(numbers)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
