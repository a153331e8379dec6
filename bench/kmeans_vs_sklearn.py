#!/usr/bin/python3
"""Benchmark (not a test): ML.NET k-means of GisBridge vs scikit-learn k-means on the same matrix and k.

1. dotnet run -c Release --project bench/RegionsBench -- kmeans bench/out
   writes bench/out/kmeans_matrix.csv (Gale 2013 samples with all of delta_8_4, delta_7_4, delta_sr, eps_nd,
   la_sm, sm_yb, nb_zr; robust-scaled exactly as the clustering verb does) and bench/out/kmeans_mlnet.csv
   (silhouette, Calinski-Harabasz and inertia of the ML.NET k-means, 10 k-means++ starts, per k).
2. /usr/bin/python3 bench/kmeans_vs_sklearn.py bench/out
   clusters the same matrix with sklearn.cluster.KMeans (n_init=10, k-means++) for the same k, scores it with
   sklearn.metrics, and prints both side by side. Acceptance: ML.NET silhouette no worse than scikit-learn's
   (tolerance 0.01, as both are local optima of the same objective).
"""
import csv
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import calinski_harabasz_score, silhouette_score


def main(out_dir: str) -> int:
    x = np.loadtxt(f"{out_dir}/kmeans_matrix.csv", delimiter=",", skiprows=1)
    with open(f"{out_dir}/kmeans_mlnet.csv", newline="") as f:
        mlnet = {int(r["k"]): r for r in csv.DictReader(f)}
    print(f"{x.shape[0]} samples x {x.shape[1]} features")
    print("| k | ML.NET silhouette | sklearn silhouette | ML.NET CH | sklearn CH | ML.NET inertia | sklearn inertia |")
    print("|---|---|---|---|---|---|---|")
    worse = []
    margins = []
    for k in sorted(mlnet):
        km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
        sil = silhouette_score(x, km.labels_)
        ch = calinski_harabasz_score(x, km.labels_)
        m = mlnet[k]
        ms, mch, mi = float(m["silhouette"]), float(m["calinski_harabasz"]), float(m["inertia"])
        print(f"| {k} | {ms:.4f} | {sil:.4f} | {mch:.1f} | {ch:.1f} | {mi:.1f} | {km.inertia_:.1f} |")
        margins.append(ms - sil)
        if ms < sil - 0.01:
            worse.append(k)
    # key=value lines collected by bench/run.sh
    print(f"kmeans_silhouette_min_margin_vs_sklearn={min(margins):.4f}")
    print(f"kmeans_silhouette_not_worse={'false' if worse else 'true'}")
    if worse:
        print(f"ML.NET silhouette worse than scikit-learn by more than 0.01 for k = {worse}")
        return 1
    print("ML.NET silhouette no worse than scikit-learn (tolerance 0.01) for every k")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "bench/out"))
