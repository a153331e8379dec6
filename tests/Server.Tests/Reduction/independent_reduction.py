#!/usr/bin/python3
"""Independent reduction for the tests (numpy, float64, the published formulas written out again):
  bouguer GRAVITY.nc TOPO.nc HEIGHT ROW,COL ...  -> one Bouguer anomaly (mGal) per cell
  stations STATIONS.csv.xz                       -> lon lat bouguer per station
Normal gravity at height: Li & Goetze (2001), Geophysics 66(6) 1660-1668, eqs. 2-5, WGS84 constants (TR8350.2).
Bouguer slab: 2*pi*G*rho*h on land, 2*pi*G*(rho_w - rho_c)*|h| at sea; G = 6.67430e-11 (CODATA 2018)."""
import csv, io, lzma, sys
import numpy as np

A, F, GM, OMEGA = 6378137.0, 1 / 298.257223563, 3.986004418e14, 7.292115e-5
G, RHO_C, RHO_W = 6.67430e-11, 2670.0, 1030.0


def normal_gravity(lat_deg, h):
    b = A * (1 - F)
    E = np.sqrt(A * A - b * b)
    lat = np.radians(lat_deg)
    beta = np.arctan2(b * np.sin(lat), A * np.cos(lat))
    z = b * np.sin(beta) + h * np.sin(lat)
    r = A * np.cos(beta) + h * np.cos(lat)
    D = (r ** 2 - z ** 2) / E ** 2
    R = (r ** 2 + z ** 2) / E ** 2
    cos2 = 0.5 * (1 + R) - np.sqrt(0.25 * (1 + R ** 2) - 0.5 * D)
    sin2 = 1 - cos2
    bl = np.sqrt(r ** 2 + z ** 2 - E ** 2 * cos2)
    q0 = 0.5 * ((1 + 3 * (b / E) ** 2) * np.arctan2(E, b) - 3 * b / E)
    ql = 3 * (1 + (bl / E) ** 2) * (1 - bl / E * np.arctan2(E, bl)) - 1
    W = np.sqrt((bl ** 2 + E ** 2 * sin2) / (bl ** 2 + E ** 2))
    gamma = (GM / (bl ** 2 + E ** 2) + (0.5 * sin2 - 1 / 6) * A ** 2 * E * ql * OMEGA ** 2 / ((bl ** 2 + E ** 2) * q0)
             - cos2 * bl * OMEGA ** 2) / W
    return gamma * 1e5


def slab(t):
    return np.where(t >= 0, 2 * np.pi * G * RHO_C * t, 2 * np.pi * G * (RHO_W - RHO_C) * np.abs(t)) * 1e5


def band(path):
    from osgeo import gdal
    ds = gdal.Open(path)
    b = ds.GetRasterBand(1)
    raw = b.ReadAsArray().astype(np.float64)
    return raw * (b.GetScale() or 1.0) + (b.GetOffset() or 0.0), ds.GetGeoTransform()


def bouguer(grav_path, topo_path, height, cells):
    g, gt = band(grav_path)
    t, _ = band(topo_path)
    for cell in cells:
        row, col = (int(v) for v in cell.split(","))
        lat = gt[3] + (row + 0.5) * gt[5]
        value = g[row, col] - normal_gravity(lat, height) - slab(t[row, col])
        print(f"{value:.6f}")


def stations(path):
    with lzma.open(path, "rt") as f:
        rows = list(csv.DictReader(f))
    lon = np.array([float(r["longitude"]) for r in rows])
    lat = np.array([float(r["latitude"]) for r in rows])
    h = np.array([float(r["height_sea_level_m"]) for r in rows])
    g = np.array([float(r["gravity_mgal"]) for r in rows])
    bg = g - normal_gravity(lat, h) - 2 * np.pi * G * RHO_C * h * 1e5
    out = io.StringIO()
    for x, y, v in zip(lon, lat, bg):
        out.write(f"{x!r} {y!r} {v:.6f}\n")
    sys.stdout.write(out.getvalue())


if __name__ == "__main__":
    if sys.argv[1] == "bouguer":
        bouguer(sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5:])
    else:
        stations(sys.argv[2])
