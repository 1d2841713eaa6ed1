"""Benchmark: the authority check on the labelled development set.

`../shared/bench/authority-dev.csv` (80 planned activities, 28 lawful, each
violation labelled with the one rule it breaks) is checked row by row with
`selaras check-scenarios` (`selaras.sync.authority.scenarios`): every row a
plan of its own, no matrix item given, the rules inferring it. Reported:
detection precision and recall (any authority finding = violation), false
alarms on lawful rows, and for true positives whether a finding names the
labelled rule (or its family, AUTHORITY-DEV.md "Families"), overall and by
rule. Nothing is fitted to these rows: the lexicons come from PP 19/2022
Pasal 4 and UU 23/2014 Pasal 10, 13 and 25, the item texts from the matrix.

    .venv/bin/python -m bench.run authority
    .venv/bin/python bench/bench_authority.py        # against the configured database
"""

from __future__ import annotations

import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SELARAS_SHARED_DIR", ROOT.parent / "shared"))
DEV = SHARED / "bench" / "authority-dev.csv"

# Our rule codes → the development set's rule vocabulary. One code may serve
# several labels of one family; codes without a label (funding channel) map
# to nothing and count only as detections.
RULE_MAP = {
    "authority.dekon_content": {"dekon_not_binwas"},
    "authority.dekon_binwas_object": {"dekon_binwas_object_not_kabkota"},
    "authority.dekon_gwpp_not_kemendagri": {"dekon_gwpp_not_kemendagri"},
    "authority.tp_content_is_binwas": {"tp_is_binwas"},
    "authority.tp_affair_held_by_region": {"tp_affair_belongs_to_region"},
    "authority.affair_not_assigners": {"affair_not_central", "affair_not_provincial"},
    "authority.tp_not_concurrent": {"tp_affair_not_concurrent"},
    "authority.tp_province_single_district": {"tp_province_single_district"},
    "authority.location_outside_recipient_area": {"tp_location_outside_recipient"},
    "authority.matching_funds": {"matching_funds"},
    "authority.recipient_level": {"wrong_recipient_level"},
    "authority.cooperation_outside_level": {"cooperation_outside_level_authority"},
    "authority.funding_instrument": set(),
    "authority.funding_executing_level": set(),
}
FAMILIES = [
    {"tp_affair_belongs_to_region", "affair_not_central", "affair_not_provincial"},
    {"dekon_binwas_object_not_kabkota", "dekon_not_binwas"},
]


def family(label: str) -> set[str]:
    for members in FAMILIES:
        if label in members:
            return members
    return {label}


def score(results) -> dict:
    tp = fp = fn = tn = right = 0
    by_rule: dict[str, Counter] = defaultdict(Counter)
    false_alarms, missed, wrong = [], [], []
    for result in results:
        row, rules = result.row, result.rules
        flagged = bool(rules)
        if row["expected"] == "ok":
            if flagged:
                fp += 1
                false_alarms.append((row["id"], rules))
            else:
                tn += 1
            continue
        label = row["rule"]
        by_rule[label]["n"] += 1
        if not flagged:
            fn += 1
            missed.append((row["id"], label))
            continue
        tp += 1
        by_rule[label]["detected"] += 1
        named = set().union(*(RULE_MAP.get(r, set()) for r in rules))
        if named & family(label):
            right += 1
            by_rule[label]["right"] += 1
        else:
            wrong.append((row["id"], label, rules))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "false_alarms": fp,
        "lawful": fp + tn,
        "right_rule": right / tp if tp else 0.0,
        "by_rule": by_rule,
        "false_alarm_rows": false_alarms,
        "missed_rows": missed,
        "wrong_rule_rows": wrong,
    }


def report(s: dict) -> None:
    print(f"   precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}")
    print(f"   false alarms on lawful rows: {s['false_alarms']} of {s['lawful']}")
    print(f"   right rule (or family) among true positives: {s['right_rule']:.3f}")
    print(f"   {'rule':<38}{'n':>3}{'found':>7}{'right':>7}")
    for label, c in sorted(s["by_rule"].items()):
        print(f"   {label:<38}{c['n']:>3}{c['detected']:>7}{c['right']:>7}")
    for what, rows in (
        ("false alarm", "false_alarm_rows"),
        ("missed", "missed_rows"),
        ("wrong rule", "wrong_rule_rows"),
    ):
        for row in s[rows]:
            print(f"   {what}: {row}")


def run(results: dict) -> None:
    from bench.run import figure
    from selaras.sync.authority.scenarios import check_rows, read_rows

    if not DEV.is_file():
        print(f"   {DEV} not found; skipped")
        return
    s = score(check_rows(read_rows(DEV)))
    report(s)
    results["authority_dev_precision"] = figure(s["precision"], "ratio", 0.95, higher_is_better=True)
    results["authority_dev_recall"] = figure(s["recall"], "ratio", 0.95, higher_is_better=True)
    results["authority_dev_false_alarms"] = figure(s["false_alarms"], "rows", 0)
    results["authority_dev_right_rule"] = figure(s["right_rule"], "ratio", 0.95, higher_is_better=True)
    for label, c in sorted(s["by_rule"].items()):
        results[f"authority_dev_rule_{label}"] = figure(c["right"] / c["n"], "ratio", None)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selaras.settings")
    import django

    django.setup()
    out: dict = {}
    run(out)
