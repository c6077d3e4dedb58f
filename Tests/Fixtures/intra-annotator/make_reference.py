#!/usr/bin/env python3
"""Reference intra-annotator agreement on ConvAbuse (../data/convabuse/ConvAbuseEMNLPfull.csv), made with
pandas and scikit-learn for `docket report agreement`'s `intra_annotator` block.

An item is a distinct (conv_id, prev_agent, prev_user, agent, user, bot); rows are taken in example_no order.
An annotator's first rating of an item is the one in force; each later rating of the same item by the same
annotator is a repeat, paired with the first. Severity labels: the is_abuse.* column set to 1 ("-3" .. "1");
binary: "1" when the severity is -1 or below, else "0".

    python3 Tests/Fixtures/intra-annotator/make_reference.py
"""
import json
import os

import pandas as pd
import sklearn
from sklearn.metrics import cohen_kappa_score

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(os.path.dirname(HERE), "data", "convabuse", "ConvAbuseEMNLPfull.csv")
SEVERITY = ["is_abuse.-3", "is_abuse.-2", "is_abuse.-1", "is_abuse.0", "is_abuse.1"]

frame = pd.read_csv(CSV, dtype=str, keep_default_na=False).assign(example_no=lambda f: f["example_no"].astype(int))
frame = frame.sort_values("example_no", kind="stable")
frame["severity"] = frame[SEVERITY].apply(lambda row: next(c for c in SEVERITY if row[c] == "1")[len("is_abuse."):], axis=1)
key = ["conv_id", "prev_agent", "prev_user", "agent", "user", "bot"]
first, pairs = {}, []
for row in frame.itertuples(index=False):
    item = tuple(getattr(row, k) for k in key) + (row.annotator_id,)
    if item in first:
        pairs.append((row.annotator_id, first[item], row.severity))
    else:
        first[item] = row.severity

out = {"about": "Intra-annotator agreement on ConvAbuse repeats; made by make_reference.py beside this file.",
       "generated_with": {"pandas": pd.__version__, "scikit-learn": sklearn.__version__}, "tasks": {}}
for task, recode in [("severity", lambda s: s), ("binary", lambda s: "1" if int(s) <= -1 else "0")]:
    a = [recode(p[1]) for p in pairs]
    b = [recode(p[2]) for p in pairs]
    out["tasks"][task] = {"pairs": len(pairs), "reviewers": len({p[0] for p in pairs}),
                          "agreement": sum(x == y for x, y in zip(a, b)) / len(pairs),
                          "cohen_kappa": float(cohen_kappa_score(a, b))}
with open(os.path.join(HERE, "reference.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
