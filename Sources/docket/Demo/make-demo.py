#!/usr/bin/env python3
"""How hatexplain-demo.jsonl was made (kept for provenance; neither the demo nor the tests run it).

Takes the first 300 posts of the HateXplain validation split with the baseline model's scores and
explanation spans (shared/data/model-scores/hatexplain-val.jsonl) and adds:
- for the first 120 posts, the three original annotators' labels as imported decisions
  (reviewer names `hx-<annotator_id>`), so that `docket report agreement` has real data at once;
- for posts 280-299, the annotators' majority label as the known (gold) answer.
Usage: python3 make-demo.py ../../../../shared/data > hatexplain-demo.jsonl
"""
import json
import sys
from collections import Counter

data = sys.argv[1]
posts = json.load(open(f"{data}/hatexplain-val/hatexplain_val.json"))
with open(f"{data}/model-scores/hatexplain-val.jsonl") as f:
    rows = [json.loads(line) for line, _ in zip(f, range(300))]
for index, row in enumerate(rows):
    annotators = posts[row["id"]]["annotators"]
    if index < 120:
        row["decisions"] = [{"reviewer": f"hx-{a['annotator_id']}", "label": a["label"]} for a in annotators]
    elif index >= 280:
        label, count = Counter(a["label"] for a in annotators).most_common(1)[0]
        if count >= 2:
            row["gold"] = label
    print(json.dumps(row, ensure_ascii=False))
