#!/usr/bin/python3
"""Pixel accuracy and weighted F1 (the peer plugin's measures) from ggmnet-evaluate reports: confusion rows = truth."""
import json, sys
for path in sys.argv[1:]:
    r = json.load(open(path)); c = r["confusion"]; n = len(c); tot = sum(map(sum, c))
    f1w = 0.0
    for i in range(n):
        support = sum(c[i]); pred = sum(c[j][i] for j in range(n)); tp = c[i][i]
        p = tp / pred if pred else 0.0; rc = tp / support if support else 0.0
        f1w += (2 * p * rc / (p + rc) if p + rc else 0.0) * support / tot
    print(path, "accuracy %.3f weighted F1 %.3f MPA %.3f" % (sum(c[i][i] for i in range(n)) / tot, f1w, r["mpa"]))
