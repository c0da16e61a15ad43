#!/usr/bin/env python3
"""Generate the Putuo seed data: streets.yaml, stations.yaml, units.yaml, devices.yaml.

Deterministic (fixed seeds, stdlib only): running

    python3 seeds/putuo/generate.py

from the repository root rewrites the four files byte for byte identically.
All coordinates are WGS84 (FIRE-DOMAIN.md "Coordinates"), never GCJ-02.

Data is synthetic but plausible: street/town ids, names and rough centres follow
the district; community (居委) names, buildings, addresses and house numbers are
made up for the demo and are not a survey of real premises.

To extend the demo fleet to more device models, add the model to
ENABLED_MODELS once its definition exists under Devices/ (see MODEL_TABLE).
"""

import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

SEED = 20241129            # the one seed everything derives from
TOTAL_DEVICES = 1200       # demo fleet size, all enabled models together

# District box (WGS84). Every generated point lies inside it.
LAT_MIN, LAT_MAX = 31.22, 31.30
LON_MIN, LON_MAX = 121.35, 121.47

EARTH_RADIUS_M = 6371008.8

# ---------------------------------------------------------------------------
# Device models
# ---------------------------------------------------------------------------
# (model, id prefix, share of the fleet, heartbeat_s or None for the model default,
#  devices per building as {count: weight})
MODEL_TABLE = [
    ("gb26875/uitd",            "uitd-", 0.20, 30,    {1: 0.88, 2: 0.12}),
    ("netvox/ra02a",            "smk-",  0.55, 86400, {1: 0.15, 2: 0.30, 3: 0.30, 4: 0.25}),
    ("milesight/ct101",         "ct-",   0.15, 600,   {1: 0.70, 2: 0.30}),
    ("mingkong/pressure-gauge", "wp-",   0.10, 3600,  {1: 1.00}),
    ("generic/nb-smoke-alarm",  "nbs-",  0.25, 86400, {1: 0.15, 2: 0.30, 3: 0.30, 4: 0.25}),
    ("generic/electrical-fire-monitor", "efm-", 0.08, 300, {1: 1.00}),
    ("generic/gas-detector",    "gas-",  0.07, 86400, {1: 0.70, 2: 0.30}),
    ("generic/heat-detector",   "heat-", 0.07, 3600,  {1: 0.60, 2: 0.40}),
]

# >>> MODELS THAT EXIST UNDER Devices/ <<<
# Only these are generated. Add a model here (one line) once Devices/<vendor>/<model>.yaml
# exists; shares are renormalised over the enabled models.
ENABLED_MODELS = [
    "gb26875/uitd",
    "netvox/ra02a",
    "milesight/ct101",
    "mingkong/pressure-gauge",
    "generic/nb-smoke-alarm",
    "generic/electrical-fire-monitor",
    "generic/gas-detector",
    "generic/heat-detector",
]

# ---------------------------------------------------------------------------
# Streets and towns (街镇) and their communities (居委)
# ---------------------------------------------------------------------------
# id, Chinese name, English name, kind, centre (lat, lon), short id for stations,
# fleet weight, roads, communities (Chinese names)
STREETS = [
    ("changshoulu", "长寿路街道", "Changshou Road Subdistrict", "street", (31.2400, 121.4380), "changshou", 1.2,
     ["长寿路", "西康路", "莫干山路", "安远路", "武宁路", "澳门路", "宜昌路"],
     ["曹家渡居委会", "长寿新村居委会", "莫干山居委会", "梅芳居委会", "叶家宅居委会"]),
    ("caoyangxincun", "曹杨新村街道", "Caoyang Xincun Subdistrict", "street", (31.2460, 121.4150), "caoyang", 1.1,
     ["曹杨路", "枣阳路", "兰溪路", "花溪路", "桐柏路", "武宁路"],
     ["曹杨一村居委会", "曹杨二村居委会", "曹杨五村居委会", "枣阳居委会", "兰溪居委会"]),
    ("changfengxincun", "长风新村街道", "Changfeng Xincun Subdistrict", "street", (31.2250, 121.4000), "changfeng", 1.2,
     ["金沙江路", "大渡河路", "云岭东路", "泸定路", "中山北路", "枣阳路"],
     ["长风一村居委会", "白玉居委会", "金沙居委会", "云岭居委会"]),
    ("ganquanlu", "甘泉路街道", "Ganquan Road Subdistrict", "street", (31.2620, 121.4380), "ganquan", 0.9,
     ["甘泉路", "志丹路", "黄陵路", "子长路", "新村路", "延长西路"],
     ["甘泉一村居委会", "甘泉二村居委会", "黄陵居委会", "志丹居委会"]),
    ("shiquanlu", "石泉路街道", "Shiquan Road Subdistrict", "street", (31.2550, 121.4280), "shiquan", 0.9,
     ["石泉路", "中山北路", "岚皋路", "光新路", "延长西路"],
     ["石泉一村居委会", "石岚居委会", "光新居委会"]),
    ("yichuanlu", "宜川路街道", "Yichuan Road Subdistrict", "street", (31.2550, 121.4450), "yichuan", 1.0,
     ["宜川路", "中山北路", "交通路", "西乡路", "陕西北路", "普善路"],
     ["宜川一村居委会", "宜川三村居委会", "中远两湾城居委会", "西乡居委会"]),
    ("zhenru", "真如镇街道", "Zhenru Town Subdistrict", "street", (31.2500, 121.4000), "zhenru", 1.1,
     ["真北路", "铜川路", "真光路", "杏山路", "曹杨路", "真南路"],
     ["真如新村居委会", "杏山居委会", "真光居委会", "铜川居委会"]),
    ("wanli", "万里街道", "Wanli Subdistrict", "street", (31.2670, 121.4100), "wanli", 0.9,
     ["新村路", "真华路", "万镇路", "大华路", "真北路"],
     ["万里城第一居委会", "万里城第二居委会", "大华居委会"]),
    ("changzheng", "长征镇", "Changzheng Town", "town", (31.2350, 121.3750), "changzheng", 1.0,
     ["同普路", "真南路", "梅川路", "金沙江路", "中江路", "怒江北路"],
     ["清涧第一居委会", "清涧第二居委会", "梅川居委会", "同普居委会"]),
    ("taopu", "桃浦镇", "Taopu Town", "town", (31.2800, 121.3750), "taopu", 0.7,
     ["桃浦路", "武威路", "祁连山路", "古浪路", "真南路", "新村路"],
     ["桃浦新村居委会", "李子园居委会", "武威居委会", "古浪居委会"]),
]

# ---------------------------------------------------------------------------
# Micro fire stations (微型消防站)
# ---------------------------------------------------------------------------
# Every community has a community station (社区微型消防站) beside its centre, ms-{slug}-{NN} in
# community order; key units (消防安全重点单位) with a station of their own follow, numbered after them.
# A community station's reach is the community's 550 m: at 15 km/h and road factor 1.3 that is the
# 3-minute target (577 m), so the gaps the index and coverage show are the stations out of service or
# busy. ms-changshou-01 is out of service so that a fire at uitd-0001 (in its community) shows the
# dispatcher skipping it; ms-caoyang-04 and ms-zhenru-01 start busy.
STATION_STATUS = {("changshoulu", 0): "out_of_service", ("caoyangxincun", 3): "busy", ("zhenru", 0): "busy"}
# (street id, key unit name, location): key units with a station of their own.
KEY_UNIT_STATIONS = [
    ("changshoulu", "悦达889广场", (31.2335, 121.4370)),
    ("changshoulu", "M50创意园", (31.2475, 121.4470)),
    ("caoyangxincun", "普陀区中心医院", (31.2420, 121.4190)),
    ("caoyangxincun", "曹杨第二中学", (31.2490, 121.4080)),
    ("changfengxincun", "长风大悦城", (31.2270, 121.3960)),
    ("changfengxincun", "月星环球港", (31.2330, 121.4120)),
    ("changfengxincun", "华东师范大学中山北路校区", (31.2290, 121.4060)),
    ("ganquanlu", "同济大学附属同济医院", (31.2700, 121.4400)),
    ("shiquanlu", "石泉路街道综合为老服务中心", (31.2530, 121.4250)),
    ("yichuanlu", "上海市宜川中学", (31.2560, 121.4420)),
    ("zhenru", "百联中环购物广场", (31.2480, 121.3960)),
    ("zhenru", "真如寺", (31.2540, 121.4030)),
    ("wanli", "上海市晋元高级中学", (31.2680, 121.4150)),
    ("changzheng", "长征工业园区", (31.2300, 121.3700)),
    ("taopu", "桃浦智创城", (31.2830, 121.3800)),
    ("taopu", "武威路工业园区", (31.2870, 121.3650)),
]
# Building kinds that are key fire-safety units (消防安全重点单位): crowded or vulnerable people,
# or fire loads (GB 25201 / 公安部令第61号): malls, care homes, schools, clinics, factories.
KEY_UNIT_KINDS = {"mall", "care", "school", "clinic", "factory"}
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力斌宇浩凯健俊帆帅旭宁"

# ---------------------------------------------------------------------------
# Building vocabulary for addresses
# ---------------------------------------------------------------------------
NAME_CHARS = "普华长安金沙泰德宏远新汇鑫隆星嘉瑞丰盛恒通达利源海天明光"
OFFICE_SUFFIXES = ["大厦", "商务中心", "广场", "综合楼", "科技园"]
# (weight, kind) -- kind decides the label format
BUILDING_KINDS = [
    (0.58, "residential"),   # high-rise residential block: "12号楼"
    (0.20, "office"),        # "华泰大厦"
    (0.05, "mall"),          # "汇丰商场"
    (0.05, "care"),          # "{社区}养老院"
    (0.04, "school"),        # "{社区}幼儿园" / "小学"
    (0.04, "clinic"),        # "{社区}社区卫生服务中心"
    (0.04, "factory"),       # "{n}号厂房"
]
PANEL_ROOMS = ["1F消防控制室", "B1消防控制室（2号主机）", "2F值班室（3号主机）", "B2消防控制室（4号主机）"]


# ---------------------------------------------------------------------------
# Geometry
# ---------------------------------------------------------------------------
def haversine_m(a, b):
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def offset(origin, bearing_rad, distance_m):
    """Point distance_m from origin along bearing (small-distance approximation)."""
    lat, lon = origin
    dlat = distance_m * math.cos(bearing_rad) / 111320.0
    dlon = distance_m * math.sin(bearing_rad) / (111320.0 * math.cos(math.radians(lat)))
    return (lat + dlat, lon + dlon)


def in_box(p, margin_m=0.0):
    mlat = margin_m / 111320.0
    mlon = margin_m / (111320.0 * math.cos(math.radians(p[0])))
    return (LAT_MIN + mlat <= p[0] <= LAT_MAX - mlat) and (LON_MIN + mlon <= p[1] <= LON_MAX - mlon)


def rounded(p):
    return (round(p[0], 4), round(p[1], 4))


def point_near(rng, centre, r_min, r_max, margin_m=0.0):
    """Uniform by area in the ring [r_min, r_max] around centre, inside the district box."""
    for _ in range(1000):
        r = math.sqrt(rng.uniform(r_min ** 2, r_max ** 2))
        p = rounded(offset(centre, rng.uniform(0, 2 * math.pi), r))
        if in_box(p, margin_m):
            return p
    raise RuntimeError(f"no point inside the district box near {centre}")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def rng_for(*parts):
    """An independent, stable stream per purpose, so enabling one more model or adding a
    street never reshuffles what is already generated. (str seeds hash with SHA-512.)"""
    return random.Random(":".join([str(SEED)] + [str(p) for p in parts]))


def apportion(total, weights):
    """Largest-remainder split of an integer total by weights (deterministic)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(math.floor(x)) for x in raw]
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def weighted(rng, pairs):
    """pairs: [(weight, value)]"""
    x = rng.uniform(0, sum(w for w, _ in pairs))
    for w, v in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][1]


def q(s):
    """YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def loc(p):
    return f"{{lat: {p[0]:.4f}, lon: {p[1]:.4f}}}"


def short(community_name):
    return community_name.removesuffix("居委会")


# ---------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------
def build_streets():
    streets = []
    for sid, zh, en, kind, centre, slug, weight, roads, community_names in STREETS:
        rng = rng_for("communities", sid)
        n = len(community_names)
        base = rng.uniform(0, 2 * math.pi)
        communities = []
        for i, cname in enumerate(community_names):
            # spread communities round the centre, 300-700 m out, 300 m clear of the box edge
            for _ in range(1000):
                bearing = base + i * 2 * math.pi / n + rng.uniform(-0.4, 0.4)
                p = rounded(offset(centre, bearing, rng.uniform(300, 700)))
                if in_box(p, 300):
                    break
            communities.append({"id": f"{sid}-c{i + 1:02d}", "name": cname, "centre": p,
                                "road": roads[i % len(roads)]})
        streets.append({"id": sid, "name": zh, "name_en": en, "kind": kind, "centre": centre,
                        "slug": slug, "weight": weight, "roads": roads, "communities": communities})
    return streets


def build_stations(streets):
    stations = []
    for st in streets:
        for i, c in enumerate(st["communities"]):
            sid_full = f"ms-{st['slug']}-{i + 1:02d}"
            stations.append({"id": sid_full, "name": f"{st['name']}{short(c['name'])}社区微型消防站", "street": st["id"],
                             "kind": "community", "location": point_near(rng_for("station", sid_full), c["centre"], 40, 120),
                             "status": STATION_STATUS.get((st["id"], i), "available"), "unit": None})
        n = len(st["communities"])
        for name, where in [(k[1], k[2]) for k in KEY_UNIT_STATIONS if k[0] == st["id"]]:
            n += 1
            sid_full = f"ms-{st['slug']}-{n:02d}"
            stations.append({"id": sid_full, "name": f"{name}微型消防站", "street": st["id"], "kind": "key_unit",
                             "location": rounded(where), "status": "available", "unit": f"u-{sid_full[3:]}",
                             "unit_name": name})
    return stations


def person(rng, role):
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))
    return {"name": name, "phone": f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}", "role": role}


def nearest_community(streets, sid, p):
    st = next(s for s in streets if s["id"] == sid)
    return min(st["communities"], key=lambda c: haversine_m(p, c["centre"]))


def build_units(streets, stations, devices):
    """The baseline register (底数清册): every building that holds a device is a unit (key units by
    kind, residential blocks, other buildings), plus the key units with a station of their own."""
    units, seen = [], set()
    buildings = {}
    for d in devices:
        buildings.setdefault(d["building"], d)
    for bid, d in buildings.items():
        b = d["building_info"]
        category = "key_unit" if b["kind"] in KEY_UNIT_KINDS else "residential" if b["kind"] == "residential" else "building"
        rng = rng_for("unit", bid)
        people = [person(rng, "消防安全责任人"), person(rng, "消防安全管理人")]
        units.append({"id": f"u-{bid}", "name": b["address"].split(" ", 1)[1], "category": category, "address": b["address"],
                      "street": d["street"], "community": d["community"], "location": b["location"], "responsible": people})
        seen.add(f"u-{bid}")
    for s in stations:
        if s["unit"] and s["unit"] not in seen:
            c = nearest_community(streets, s["street"], s["location"])
            rng = rng_for("unit", s["unit"])
            units.append({"id": s["unit"], "name": s["unit_name"], "category": "key_unit",
                          "address": f"{next(x['name'] for x in streets if x['id'] == s['street'])} {s['unit_name']}",
                          "street": s["street"], "community": c["id"], "location": s["location"],
                          "responsible": [person(rng, "消防安全责任人"), person(rng, "消防安全管理人")]})
    for d in devices:
        d["unit"] = f"u-{d['building']}"
    return units


class BuildingPool:
    """Buildings of one community, created on demand in a fixed order: building j is
    the same whichever models ask for it, so models added later share buildings."""

    def __init__(self, street, community, used_addresses, counter):
        self.street, self.community = street, community
        self.rng = rng_for("buildings", community["id"])
        self.used = used_addresses          # per street: (road, number)
        self.counter = counter              # per street building number
        self.items = []
        self.labels = set()

    def get(self, j):
        while len(self.items) <= j:
            self.items.append(self._new())
        return self.items[j]

    def _new(self):
        rng, st, c = self.rng, self.street, self.community
        self.counter[0] += 1
        bid = f"{st['id']}-b{self.counter[0]:04d}"
        p = point_near(rng, c["centre"], 0, 550)
        road = c["road"] if rng.random() < 0.7 else rng.choice(st["roads"])
        while True:
            number = rng.randint(1, 1999)
            if (road, number) not in self.used:
                self.used.add((road, number))
                break
        kind = weighted(rng, BUILDING_KINDS)
        cs = short(c["name"])
        if kind == "residential":
            label = f"{rng.randint(1, 48)}号楼"
        elif kind == "office":
            label = "".join(rng.sample(NAME_CHARS, 2)) + rng.choice(OFFICE_SUFFIXES)
        elif kind == "mall":
            label = "".join(rng.sample(NAME_CHARS, 2)) + rng.choice(["商场", "购物中心", "商厦"])
        elif kind == "care":
            label = f"{cs}养老院"
        elif kind == "school":
            label = f"{cs}{rng.choice(['幼儿园', '小学'])}"
        elif kind == "clinic":
            label = f"{cs}社区卫生服务中心"
        else:
            label = f"{rng.randint(1, 12)}号厂房"
        if label in self.labels:                # one clinic, care home... per community
            label = f"{rng.randint(49, 80)}号楼"
        self.labels.add(label)
        return {"id": bid, "location": p, "address": f"{st['name']} {road}{number}号 {label}", "next": 0, "kind": kind}


def enabled_models():
    known = {m[0] for m in MODEL_TABLE}
    unknown = [m for m in ENABLED_MODELS if m not in known]
    if unknown:
        raise SystemExit(f"ENABLED_MODELS lists models missing from MODEL_TABLE: {unknown}")
    return [m for m in MODEL_TABLE if m[0] in ENABLED_MODELS]


def build_devices(streets):
    models = enabled_models()
    street_counts = apportion(TOTAL_DEVICES, [s["weight"] for s in streets])
    shares = [m[2] for m in models]
    per_model = {m[0]: [] for m in models}
    for st, n_street in zip(streets, street_counts):
        used, counter = set(), [0]
        comm_rng = rng_for("community-sizes", st["id"])
        comm_counts = apportion(n_street, [comm_rng.uniform(0.8, 1.2) for _ in st["communities"]])
        for c, n_comm in zip(st["communities"], comm_counts):
            pool = BuildingPool(st, c, used, counter)
            for (model, prefix, _share, hb, per_building), n in zip(models, apportion(n_comm, shares)):
                rng = rng_for("devices", model, c["id"])
                for b in pool.items:        # each model starts again at building 0
                    b["next"] = 0
                j = 0
                while n > 0:
                    k = min(n, weighted(rng, [(w, v) for v, w in sorted(per_building.items())]))
                    b = pool.get(j)
                    for _ in range(k):
                        p = b["location"] if b["next"] == 0 else point_near(rng, b["location"], 5, 25)
                        per_model[model].append({
                            "model": model, "prefix": prefix, "heartbeat_s": hb,
                            "location": p, "street": st["id"], "community": c["id"],
                            "building": b["id"], "address": b["address"], "slot": b["next"], "building_info": b})
                        b["next"] += 1
                    n -= k
                    j += 1
    devices = []
    for model, prefix, *_ in models:
        width = max(4, len(str(len(per_model[model]))))
        for i, d in enumerate(per_model[model], 1):
            d["id"] = f"{prefix}{i:0{width}d}"
            devices.append(d)
    return devices


def device_address(d):
    if d["model"] == "gb26875/uitd":
        return f"{d['address']} {PANEL_ROOMS[d['slot'] % len(PANEL_ROOMS)]}"
    if d["model"] == "netvox/ra02a":
        floor = 1 + (hash_int(d["id"]) % 18)
        return f"{d['address']} {floor}{(hash_int(d['id'] + 'r') % 4) + 1:02d}室"
    if d["model"] == "milesight/ct101":
        return f"{d['address']} 配电间 {d['slot'] + 1}号回路"
    if d["model"] == "mingkong/pressure-gauge":
        return f"{d['address']} 消防泵房 管网压力"
    return d["address"]


def hash_int(s):
    return random.Random(f"{SEED}:{s}").randrange(1 << 30)


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
HEADER = "# Generated by seeds/putuo/generate.py -- do not edit; change the generator and rerun.\n# Coordinates: WGS84.\n"


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def render_streets(streets):
    out = [HEADER, "# Putuo district: 8 streets (街道) and 2 towns (镇), each with its communities (居委).\n"]
    for s in streets:
        out.append(f"- id: {s['id']}\n")
        out.append(f"  name: {q(s['name'])}\n")
        out.append(f"  name_en: {q(s['name_en'])}\n")
        out.append(f"  kind: {s['kind']}\n")
        out.append(f"  centre: {loc(s['centre'])}\n")
        out.append("  communities:\n")
        for c in s["communities"]:
            out.append(f"    - id: {c['id']}\n")
            out.append(f"      name: {q(c['name'])}\n")
            out.append(f"      centre: {loc(c['centre'])}\n")
    return "".join(out)


def render_stations(stations):
    out = [HEADER, "# Micro fire stations (微型消防站); status is the start value.\n"]
    for s in stations:
        out.append(f"- id: {s['id']}\n")
        out.append(f"  name: {q(s['name'])}\n")
        out.append(f"  street: {s['street']}\n")
        out.append(f"  kind: {s['kind']}\n")
        out.append(f"  location: {loc(s['location'])}\n")
        out.append(f"  status: {s['status']}\n")
    return "".join(out)


def render_units(units):
    out = [HEADER, "# The baseline register (底数清册): key units (消防安全重点单位), residential blocks and other\n"
           "# buildings, with the people responsible. Names and phone numbers are made up for the demo.\n"]
    for u in units:
        out.append(f"- id: {u['id']}\n")
        out.append(f"  name: {q(u['name'])}\n")
        out.append(f"  category: {u['category']}\n")
        out.append(f"  address: {q(u['address'])}\n")
        out.append(f"  street: {u['street']}\n")
        out.append(f"  community: {u['community']}\n")
        out.append(f"  location: {loc(u['location'])}\n")
        out.append("  responsible:\n")
        for p in u["responsible"]:
            out.append(f"    - {{name: {q(p['name'])}, phone: {q(p['phone'])}, role: {q(p['role'])}}}\n")
    return "".join(out)


def render_devices(devices):
    out = [HEADER, f"# Demo fleet; models: {', '.join(ENABLED_MODELS)}.\n"]
    for d in devices:
        out.append(f"- id: {d['id']}\n")
        out.append(f"  model: {d['model']}\n")
        out.append(f"  location: {loc(d['location'])}\n")
        out.append(f"  address: {q(device_address(d))}\n")
        out.append(f"  street: {d['street']}\n")
        out.append(f"  community: {d['community']}\n")
        out.append(f"  building: {d['building']}\n")
        out.append(f"  unit: {d['unit']}\n")
        if d["heartbeat_s"] is not None:
            out.append(f"  heartbeat_s: {d['heartbeat_s']}\n")
        if d["model"] == "gb26875/uitd":
            out.append(f"  gb_address: {q(gb_address(d))}\n")
    return "".join(out)


def gb_address(d):
    """A UITD's GB/T 26875.3 source address: 0x0107_0000_0000 (Putuo, 310107) plus its number, as the
    registry writes it: 12 hex digits, low byte first."""
    value = 0x0107_0000_0000 + int(d["id"].split("-")[1])
    return value.to_bytes(6, "little").hex()


def main():
    streets = build_streets()
    stations = build_stations(streets)
    devices = build_devices(streets)
    units = build_units(streets, stations, devices)
    write("streets.yaml", render_streets(streets))
    write("stations.yaml", render_stations(stations))
    write("units.yaml", render_units(units))
    write("devices.yaml", render_devices(devices))
    n_comm = sum(len(s["communities"]) for s in streets)
    n_bldg = len({d["building"] for d in devices})
    by_model = ", ".join(f"{m}={sum(1 for d in devices if d['model'] == m)}" for m in ENABLED_MODELS)
    key = sum(1 for u in units if u["category"] == "key_unit")
    print(f"seeds/putuo: {len(streets)} streets, {n_comm} communities, {len(stations)} stations, {len(units)} units ({key} key units), "
          f"{len(devices)} devices ({by_model}) in {n_bldg} buildings")


if __name__ == "__main__":
    main()
