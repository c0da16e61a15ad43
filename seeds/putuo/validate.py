#!/usr/bin/env python3
"""Check the Putuo seed files (needs PyYAML) and print counts.

    python3 seeds/putuo/validate.py [--nearest DEVICE_ID] [-k 3]

Exit 0 when everything holds, 1 with one line per problem otherwise.
"""

import argparse
import collections
import math
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = 31.22, 31.30, 121.35, 121.47
STATION_KINDS = {"community", "key_unit"}
STATION_STATUSES = {"available", "busy", "out_of_service"}
DEVICE_KEYS = {"id", "model", "location", "address", "street", "community", "building", "heartbeat_s", "gb_address", "unit"}
UNIT_KEYS = {"id", "name", "category", "address", "street", "community", "location", "responsible"}
UNIT_CATEGORIES = {"key_unit", "residential", "building"}
# ETA = road factor x distance / speed (Config/firewatch.yaml): the 3-minute target's reach in metres.
TARGET_REACH_M = 180 * 15 / 3.6 / 1.3
DEVICE_REQUIRED = {"id", "model", "location", "address", "street", "community"}
STATION_KEYS = {"id", "name", "street", "kind", "location", "status"}


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return yaml.safe_load(f)


def haversine_m(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nearest", default="uitd-0001", help="device whose nearest stations to list")
    ap.add_argument("-k", type=int, default=3)
    args = ap.parse_args()

    problems = []
    streets, stations, devices = load("streets.yaml"), load("stations.yaml"), load("devices.yaml")
    units = load("units.yaml")

    def check_point(what, p):
        if not (isinstance(p, dict) and set(p) == {"lat", "lon"}
                and all(isinstance(p[k], (int, float)) for k in p)):
            problems.append(f"{what}: location must be {{lat, lon}} numbers, got {p!r}")
        elif not (LAT_MIN <= p["lat"] <= LAT_MAX and LON_MIN <= p["lon"] <= LON_MAX):
            problems.append(f"{what}: {p} outside the district box")

    def check_ids(kind, ids):
        for i in ids:
            if not isinstance(i, str) or not ID_RE.match(i):
                problems.append(f"{kind} id {i!r} does not match {ID_RE.pattern}")
        for i, n in collections.Counter(ids).items():
            if n > 1:
                problems.append(f"{kind} id {i} appears {n} times")

    # streets and communities
    check_ids("street", [s["id"] for s in streets])
    communities = {}
    for s in streets:
        if s.get("kind") not in ("street", "town"):
            problems.append(f"street {s['id']}: kind {s.get('kind')!r}")
        check_point(f"street {s['id']}", s["centre"])
        if not 3 <= len(s["communities"]) <= 5:
            problems.append(f"street {s['id']}: {len(s['communities'])} communities")
        for c in s["communities"]:
            communities[c["id"]] = (s["id"], c)
            check_point(f"community {c['id']}", c["centre"])
    check_ids("community", [c["id"] for s in streets for c in s["communities"]])
    street_ids = {s["id"] for s in streets}

    # stations
    check_ids("station", [s["id"] for s in stations])
    for s in stations:
        if set(s) != STATION_KEYS:
            problems.append(f"station {s['id']}: keys {sorted(set(s) ^ STATION_KEYS)} differ from the contract")
        if s["street"] not in street_ids:
            problems.append(f"station {s['id']}: unknown street {s['street']}")
        if s["kind"] not in STATION_KINDS:
            problems.append(f"station {s['id']}: kind {s['kind']!r}")
        if s["status"] not in STATION_STATUSES:
            problems.append(f"station {s['id']}: status {s['status']!r}")
        check_point(f"station {s['id']}", s["location"])
    per_street = collections.Counter(s["street"] for s in stations)
    for sid in street_ids:
        if per_street[sid] < 2:
            problems.append(f"street {sid}: only {per_street[sid]} stations")

    # units
    check_ids("unit", [u["id"] for u in units])
    unit_ids = {u["id"] for u in units}
    for u in units:
        if set(u) != UNIT_KEYS:
            problems.append(f"unit {u['id']}: keys {sorted(set(u) ^ UNIT_KEYS)} differ")
        if u["category"] not in UNIT_CATEGORIES:
            problems.append(f"unit {u['id']}: category {u['category']!r}")
        if u["street"] not in street_ids or u["community"] not in communities:
            problems.append(f"unit {u['id']}: unknown street or community")
        if not u["responsible"]:
            problems.append(f"unit {u['id']}: nobody responsible")
        check_point(f"unit {u['id']}", u["location"])

    # devices
    check_ids("device", [d["id"] for d in devices])
    for d in devices:
        if "unit" in d and d["unit"] not in unit_ids:
            problems.append(f"device {d['id']}: unknown unit {d['unit']}")
    max_from_centre = 0.0
    for d in devices:
        keys = set(d)
        if not DEVICE_REQUIRED <= keys or not keys <= DEVICE_KEYS:
            problems.append(f"device {d['id']}: keys {sorted(keys)}")
        if d["street"] not in street_ids:
            problems.append(f"device {d['id']}: unknown street {d['street']}")
        if d["community"] not in communities:
            problems.append(f"device {d['id']}: unknown community {d['community']}")
        elif communities[d["community"]][0] != d["street"]:
            problems.append(f"device {d['id']}: community {d['community']} is not in {d['street']}")
        else:
            dist = haversine_m(d["location"], communities[d["community"]][1]["centre"])
            max_from_centre = max(max_from_centre, dist)
            if dist > 600:
                problems.append(f"device {d['id']}: {dist:.0f} m from its community centre")
        check_point(f"device {d['id']}", d["location"])
        if "gb_address" in d and not re.fullmatch(r"[0-9a-f]{12}", str(d["gb_address"])):
            problems.append(f"device {d['id']}: gb_address {d['gb_address']} is not 12 hex digits")
        if "building" in d and not ID_RE.match(str(d["building"])):
            problems.append(f"device {d['id']}: building id {d['building']!r}")
    buildings = collections.defaultdict(set)
    for d in devices:
        if "building" in d:
            buildings[d["building"]].add((d["street"], d["community"]))
    for b, owners in buildings.items():
        if len(owners) > 1:
            problems.append(f"building {b} spans {sorted(owners)}")

    # report
    print(f"streets: {len(streets)} ({sum(s['kind'] == 'street' for s in streets)} streets, "
          f"{sum(s['kind'] == 'town' for s in streets)} towns); communities: {len(communities)}")
    print(f"stations: {len(stations)}; by status {dict(collections.Counter(s['status'] for s in stations))}; "
          f"by kind {dict(collections.Counter(s['kind'] for s in stations))}")
    print(f"devices: {len(devices)}; by model {dict(collections.Counter(d['model'] for d in devices))}; "
          f"max distance from community centre {max_from_centre:.0f} m")
    bsize = collections.Counter(collections.Counter(d.get("building") for d in devices).values())
    print(f"buildings: {len(buildings)}; devices per building {dict(sorted(bsize.items()))}")
    print("devices by street: " + ", ".join(
        f"{sid}={n}" for sid, n in sorted(collections.Counter(d['street'] for d in devices).items(),
                                          key=lambda kv: [s['id'] for s in streets].index(kv[0]))))
    available = [s for s in stations if s["status"] == "available"]
    places = {d["building"]: d["location"] for d in devices if "building" in d}
    covered = sum(1 for p in places.values() if min(haversine_m(p, s["location"]) for s in available) <= TARGET_REACH_M)
    print(f"buildings within the 3-minute target ({TARGET_REACH_M:.0f} m) of an available station: "
          f"{covered}/{len(places)} ({100 * covered / max(len(places), 1):.0f} %)")
    print(f"units: {len(units)}; by category {dict(collections.Counter(u['category'] for u in units))}")
    dev = next((d for d in devices if d["id"] == args.nearest), None)
    if dev:
        ranked = sorted(stations, key=lambda s: haversine_m(dev["location"], s["location"]))[: args.k]
        print(f"nearest stations to {dev['id']} at {dev['location']} ({dev['community']}):")
        for s in ranked:
            print(f"  {s['id']:<18} {haversine_m(dev['location'], s['location']):6.0f} m  "
                  f"{s['status']:<15} {s['kind']:<9} {s['name']}")

    for p in problems:
        print("PROBLEM: " + p, file=sys.stderr)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
