"""Issue 17 figure table from the reports of bench/scripts/issue17_dupal_loso.sh, and the scikit-learn peer
(HistGradientBoostingClassifier, balanced class weights) on the same rows, features and leave-one-source-out folds."""
import json
import os
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import LeaveOneGroupOut

out, features = sys.argv[1], sys.argv[2].split(",")


def scheme(report, name):
    s = report.get(name)
    if not s:
        return "-"
    rest = s.get("without_unknown")
    text = "{:.3f}".format(s["balanced_accuracy"])
    if rest:
        text += " / {:.3f} without {} of {} unknown ({:.1%})".format(rest["balanced_accuracy"], s["unknown"], s["samples"], s["unknown_share"])
    return text


print("run | blocked | leave-one-source-out | leave-one-region-out | ECE raw -> calibrated")
for run in ("weights", "calibrated", "isotonic", "unknown05", "unknown10", "unknown20", "over", "over05", "over10"):
    path = os.path.join(out, run + ".json")
    if not os.path.exists(path):
        continue
    r = json.load(open(path))
    c = r["calibration"]
    ece = "{:.3f} -> {:.3f}".format(c["ece_raw"], c["ece"]) if c.get("ece_raw") is not None else "{:.3f}".format(c["ece"])
    print("{} | {} | {} | {} | {}".format(run, scheme(r, "cross_validation"), scheme(r, "leave_one_source_out"),
                                          scheme(r, "leave_one_region_out"), ece))
    if run in ("weights", "over05"):
        for f in r["leave_one_source_out"]["per_fold"]:
            print("   held out {}: {} samples, balanced {:.3f}, recall {}".format(f["held_out"], f["samples"], f["balanced_accuracy"], f["recall"]))
        for b in r.get("balancing_comparison", []) if run == "weights" else []:
            print("   balancing {}: blocked {:.3f}, leave-one-source-out {:.3f}".format(
                b["method"], b["blocked_balanced_accuracy"], b["leave_one_source_out_balanced_accuracy"]))
        print("   class balance per source:", json.dumps(r["class_balance"]["per_source"]))
        dup = r.get("cross_source_duplicates")
        if dup:
            print("   cross-source duplicates: igsn {}, name {}, location only {}, dropped {}".format(dup["igsn"], dup["name"], dup["location_only"], dup["dropped"]))

# Peer: the same indices (the product's CSV of each file), the same rows (label present, any feature present).
frames = []
for name in ("Gale_2013_MOR_Sample_Data", "KERGUELEN_PLATEAU", "WALVIS_RIDGE", "s_AMSTERDAM-ST_PAUL"):
    d = pd.read_csv(os.path.join(out, "indices-" + name + ".csv"), low_memory=False)
    d["source"] = name
    frames.append(d)
d = pd.concat(frames, ignore_index=True)
for f in features + ["dupal"]:
    d[f] = pd.to_numeric(d[f], errors="coerce")
d = d[d["dupal"].notna() & d[features].notna().any(axis=1)]
x, y, g = d[features].to_numpy(float), d["dupal"].to_numpy(int), d["source"].to_numpy()
rng = np.random.default_rng(42)
for balancing in ("balanced weights", "random oversampling of the training fold"):
    pred = np.empty_like(y)
    for train, test in LeaveOneGroupOut().split(x, y, g):
        if balancing.startswith("random"):
            counts = np.bincount(y[train], minlength=2)
            extra = [rng.choice(train[y[train] == c], counts.max() - counts[c]) for c in (0, 1) if counts[c] > 0]
            train = np.concatenate([train, *extra])
            model = HistGradientBoostingClassifier(random_state=42).fit(x[train], y[train])
        else:
            model = HistGradientBoostingClassifier(class_weight="balanced", random_state=42).fit(x[train], y[train])
        pred[test] = model.predict(x[test])
    print("scikit-learn peer (HistGradientBoosting, {}), {} samples: leave-one-source-out balanced accuracy {:.3f}".format(
        balancing, len(y), balanced_accuracy_score(y, pred)))
