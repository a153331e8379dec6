#!/usr/bin/python3
"""Benchmark (not a test), issue 17: k-means + sampled silhouette of 100,000 x 30, GisBridge vs scikit-learn.

1. dotnet bench/RegionsBench/bin/Release/net10.0/RegionsBench.dll scale bench/out/regions [k]
   writes scale_matrix.csv (8 Gaussian blobs, seed 17), runs GisBridge k-means (ML.NET, 10 k-means++ starts,
   silhouette on a 10,000-row seeded subsample) timed in-process, and writes scale_labels.csv.
2. /usr/bin/python3 bench/scale_vs_sklearn.py bench/out/regions [k]
   times sklearn KMeans(n_clusters=k, n_init=10) + silhouette_score(sample_size=10000) on the same matrix, then
   scores BOTH labellings on the same 10,000-row subsample, so the silhouettes compare like for like.
"""
import os
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score


def main(out_dir: str, k: int) -> int:
    x = np.loadtxt(f"{out_dir}/scale_matrix.csv", delimiter=",", skiprows=1)
    ours = np.loadtxt(f"{out_dir}/scale_labels.csv", dtype=int)
    t0, c0 = time.perf_counter(), time.process_time()
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
    sil = silhouette_score(x, km.labels_, sample_size=10000, random_state=0)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    ours_same_sample = silhouette_score(x, ours, sample_size=10000, random_state=0)
    print(f"rows={x.shape[0]} features={x.shape[1]} k={k}")
    print(f"sklearn_kmeans_silhouette_s={seconds:.2f}")
    print(f"sklearn_kmeans_silhouette_cpu_s={cpu:.2f}")
    print(f"sklearn_silhouette={sil:.4f}")
    print(f"gisbridge_silhouette_same_sample={ours_same_sample:.4f}")
    print(f"silhouette_not_worse={'true' if ours_same_sample >= sil - 1e-4 else 'false'}")
    print(f"load_average_1min={os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "bench/out/regions", int(sys.argv[2]) if len(sys.argv) > 2 else 8))
