#!/usr/bin/env python3
"""Reference figures for `docket report model`, computed with scikit-learn and scipy.

Step 1 (only with --hatexplain-scores PATH): builds hatexplain-val-scored.jsonl, Docket's import format, from
the shared baseline scores (../../../shared/data/model-scores/hatexplain-val.jsonl: id, text, group, meta,
scores; explanations dropped) and the annotators' labels in ../data/hatexplain-val/hatexplain_val.json (one
decision per annotator, reviewer `annotator<id>`). It adds a second series, model
`tfidf-logreg-hatexplain-v1-rounded`, the same scores rounded to one decimal with the same thresholds: not a
model, a second version to exercise the side-by-side comparison on the same items.

Step 2 (always): reads hatexplain-val-scored.jsonl and ../export/convabuse-valid-400.jsonl, takes each item's
gold label as Docket's consensus does (the strict majority of the reviewers' labels; items without one are
left out) and writes sklearn-reference.json: per data set, model and category, the items' scores and truth
and every figure of the model report as scikit-learn computes it.

    python3 Tests/Fixtures/model-report/make_reference.py [--hatexplain-scores PATH]
"""
import argparse
import collections
import json
import math
import os

import numpy as np
import scipy
import sklearn
from scipy.stats import binomtest
from sklearn.calibration import calibration_curve
from sklearn.metrics import (average_precision_score, precision_recall_curve, precision_recall_fscore_support,
                             roc_auc_score)

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.dirname(HERE)
TARGET_PRECISION = 0.9
BINS = 10

DATASETS = {
    "hatexplain": {"file": os.path.join(HERE, "hatexplain-val-scored.jsonl"), "slice": "source",
                   "positives": {"hatespeech": ["hatespeech"], "offensive": ["offensive"], "toxic": ["hatespeech", "offensive"]}},
    "convabuse": {"file": os.path.join(FIXTURES, "export", "convabuse-valid-400.jsonl"), "slice": "bot",
                  "positives": {"abusive": ["abusive"]}},
}


def build_hatexplain(scores_path):
    posts = json.load(open(os.path.join(FIXTURES, "data", "hatexplain-val", "hatexplain_val.json")))
    with open(scores_path) as source, open(DATASETS["hatexplain"]["file"], "w") as out:
        for line in source:
            record = json.loads(line)
            rounded = [dict(s, model=s["model"] + "-rounded", score=round(s["score"], 1)) for s in record["scores"]]
            decisions = [{"reviewer": f"annotator{a['annotator_id']}", "label": a["label"]}
                         for a in posts[record["id"]]["annotators"]]
            out.write(json.dumps({"id": record["id"], "text": record["text"], "group": record["group"], "meta": record["meta"],
                                  "scores": record["scores"] + rounded, "decisions": decisions}) + "\n")


def strict_majority(decisions):
    counts = collections.Counter(d["label"] for d in decisions)
    (label, top), *rest = counts.most_common() + [(None, 0)]
    return label if rest[0][1] < top else None


def pr_thresholds(y, s):
    """Best-F1 threshold (lowest on ties) and the target-precision threshold (highest recall, then highest threshold)."""
    precision, recall, thresholds = precision_recall_curve(y, s)
    precision, recall = precision[:-1], recall[:-1]
    positives = y.sum()
    tps = recall * positives
    fps = np.where(precision > 0, tps / np.where(precision > 0, precision, 1) - tps, 0)
    # F1 as 2TP / (TP + FP + P), the same arithmetic as Docket, so that ties are ties on both sides.
    f1 = 2 * tps / (tps + np.round(fps) + positives)
    best = int(np.flatnonzero(f1 == f1.max()).min())
    target = None
    reach = np.flatnonzero(precision >= TARGET_PRECISION)
    if len(reach):
        top = recall[reach].max()
        index = reach[recall[reach] == top]
        index = index[np.argmax(thresholds[index])]
        target = {"threshold": float(thresholds[index]), "precision": float(precision[index]), "recall": float(recall[index])}
    return float(thresholds[best]), float(f1[best]), target


def figures(y, s, threshold):
    y, s = np.asarray(y, dtype=int), np.asarray(s, dtype=float)
    out = {"n": int(len(y)), "positives": int(y.sum()), "threshold": threshold}
    if len(y) == 0:
        return out
    predicted = (s >= threshold).astype(int)
    # zero_division=nan: an undefined figure (nothing flagged, no positives) is left out, not written as 0.
    p, r, f, _ = precision_recall_fscore_support(y, predicted, average="binary", zero_division=np.nan)
    out.update({name: float(v) for name, v in (("precision", p), ("recall", r), ("f1", f)) if not math.isnan(v)})
    if 0 < y.sum() < len(y):
        out["roc_auc"] = float(roc_auc_score(y, s))
    if y.sum() > 0:
        out["pr_auc"] = float(average_precision_score(y, s))
        out["best_f1_threshold"], out["best_f1"], out["target_precision"] = pr_thresholds(y, s)
    prob_true, prob_pred = calibration_curve(y, s, n_bins=BINS, strategy="uniform")
    edges = np.linspace(0.0, 1.0, BINS + 1)
    counts = np.bincount(np.searchsorted(edges[1:-1], s), minlength=BINS)
    counts = counts[counts > 0]
    out["calibration"] = {"prob_true": prob_true.tolist(), "prob_pred": prob_pred.tolist(), "counts": counts.tolist()}
    out["ece"] = float(np.sum(counts / len(y) * np.abs(prob_true - prob_pred)))
    return out


def reference(name, spec):
    records = [json.loads(line) for line in open(spec["file"])]
    gold = {r["id"]: strict_majority(r["decisions"]) for r in records}
    series = collections.defaultdict(lambda: {"ids": [], "scores": [], "threshold": None, "slices": []})
    for r in records:
        if gold[r["id"]] is None:
            continue
        for score in r["scores"]:
            if score["category"] not in spec["positives"]:
                continue
            entry = series[(score["model"], score["category"])]
            entry["ids"].append(r["id"])
            entry["scores"].append(score["score"])
            entry["slices"].append(str(r["meta"].get(spec["slice"])))
            if entry["threshold"] is None:
                entry["threshold"] = score["threshold"]
    result = {"file": os.path.relpath(spec["file"], FIXTURES), "slice_field": "meta." + spec["slice"],
              "items_with_gold": sum(1 for v in gold.values() if v is not None), "models": [], "comparisons": []}
    truth_of = {}
    for (model, category), entry in sorted(series.items()):
        positive = spec["positives"][category]
        truth = [int(gold[i] in positive) for i in entry["ids"]]
        truth_of[(model, category)] = (entry, truth)
        block = {"model": model, "category": category, "positive_labels": positive, "ids": entry["ids"],
                 "scores": entry["scores"], "truth": truth}
        block.update(figures(truth, entry["scores"], entry["threshold"]))
        slices = {}
        for value in sorted(set(entry["slices"])):
            chosen = [k for k, v in enumerate(entry["slices"]) if v == value]
            slices[value] = figures([truth[k] for k in chosen], [entry["scores"][k] for k in chosen], entry["threshold"])
            slices[value].pop("calibration", None)
        block["slices"] = slices
        result["models"].append(block)
    for category in spec["positives"]:
        names = sorted(m for (m, c) in truth_of if c == category)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                (ea, truth), (eb, _) = truth_of[(a, category)], truth_of[(b, category)]
                assert ea["ids"] == eb["ids"]
                right_a = [(s >= ea["threshold"]) == bool(t) for s, t in zip(ea["scores"], truth)]
                right_b = [(s >= eb["threshold"]) == bool(t) for s, t in zip(eb["scores"], truth)]
                only_a = sum(1 for x, y in zip(right_a, right_b) if x and not y)
                only_b = sum(1 for x, y in zip(right_a, right_b) if y and not x)
                p = 1.0 if only_a + only_b == 0 else binomtest(only_a, only_a + only_b, 0.5).pvalue
                result["comparisons"].append({"category": category, "a": a, "b": b, "only_a_right": only_a,
                                              "only_b_right": only_b, "mcnemar_exact_p": float(p)})
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hatexplain-scores", help="the shared hatexplain-val.jsonl, to rebuild the fixture")
    args = parser.parse_args()
    if args.hatexplain_scores:
        build_hatexplain(args.hatexplain_scores)
    out = {"about": "scikit-learn and scipy figures for docket report model; made by make_reference.py beside this file. "
                    "Compare with a tolerance of 1e-6.",
           "generated_with": {"python": ".".join(map(str, __import__("sys").version_info[:3])), "numpy": np.__version__,
                              "scipy": scipy.__version__, "scikit-learn": sklearn.__version__},
           "conventions": {
               "gold": "strict majority of the reviewers' labels; items without one left out; positive = gold label in positive_labels",
               "precision/recall/f1": "precision_recall_fscore_support(y, score >= threshold, average='binary')",
               "roc_auc": "roc_auc_score(y, score)", "pr_auc": "average_precision_score(y, score)",
               "best_f1_threshold": "precision_recall_curve: highest F1, lowest threshold on ties",
               "target_precision": f"precision_recall_curve: precision >= {TARGET_PRECISION}, highest recall, then highest threshold",
               "calibration": f"calibration_curve(y, score, n_bins={BINS}, strategy='uniform'); counts of its non-empty bins",
               "ece": "sum(counts / n * |prob_true - prob_pred|)",
               "mcnemar_exact_p": "scipy.stats.binomtest(only_a_right, only_a_right + only_b_right, 0.5).pvalue"},
           "target_precision": TARGET_PRECISION,
           "datasets": {name: reference(name, spec) for name, spec in DATASETS.items()}}
    with open(os.path.join(HERE, "sklearn-reference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
