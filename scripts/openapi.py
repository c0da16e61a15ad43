#!/usr/bin/env python3
"""Writes Sources/FireWatchServer/OpenAPI/OpenAPIDocument.swift: the API's OpenAPI 3 document.
Edit the paths here and run `python3 scripts/openapi.py` from the repository root."""
import json
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
date_re = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
def ok(schema, desc="OK", ctype="application/json"):
    return {"description": desc, "content": {ctype: {"schema": schema}}}
err = {"$ref": "#/components/responses/Error"}
id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1, "maxLength": 200}}
def get(summary, resp, params=None, security=True, extra=None):
    op = {"summary": summary, "responses": {"200": resp, "400": err, "401": err, "403": err, "404": err}}
    if params: op["parameters"] = params
    if not security: op["security"] = []
    if extra: op["responses"].update(extra)
    return {"get": op}
def post(summary, body, resp, required=False, params=None, status="200"):
    return {"post": {"summary": summary, "parameters": [id_param] if params is None else params,
            "requestBody": {"required": required, "content": {"application/json": {"schema": body}}},
            "responses": {status: resp, "400": err, "401": err, "403": err, "404": err, "409": err, "501": err}}}
q = lambda name, schema, desc="": {"name": name, "in": "query", "required": False, "schema": schema, "description": desc}
obj = {"type": "object"}
arr = {"type": "array", "items": {"type": "object"}}
# Optional body fields may be null: the API takes null as absent.
by = {"type": ["string", "null"], "maxLength": 200}
note = {"type": ["string", "null"], "maxLength": 1000}
alarm_action = {"type": "object", "additionalProperties": False, "properties": {"by": by, "note": note}}
resolve = {"type": "object", "additionalProperties": False, "properties": {"by": by, "note": note,
           "cause": {"type": ["string", "null"], "enum": ["fire", "false_alarm", "test", "nuisance", "device_fault", None]}}}
string, integer, number, boolean = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}
time = {"type": "string", "format": "date-time"}
# Sequence numbers are signed 64-bit in the store.
seqno = {"type": "integer", "minimum": 0, "maximum": 9223372036854775807}
since = {"anyOf": [{"type": "string", "pattern": "^[0-9]{1,9}(\\.[0-9]{1,6})?[smhd]?$"}, {"type": "string", "format": "date-time"}]}
# Open API 3.1 has a text/event-stream schema describe each event (3.2 calls it itemSchema): the
# sequence number as id, the feed event type as event, the event's JSON object as data.
sse_event = {"type": "object", "required": ["id", "event", "data"], "properties": {
    "id": {"type": "string", "pattern": "^[0-9]+$"}, "event": {"type": "string", "pattern": "^[a-z_]+(\\.[a-z_]+)+$"},
    "data": {"type": "string", "contentMediaType": "application/json"}, "retry": {"type": "integer"}}}
# A photo's bytes must be what its type says: a JPEG's base64 starts with /9j/ (FF D8 FF), a PNG's with the
# signature and the IHDR length (iVBORw0KGgoA); both are whole base64, at most 2 MiB decoded.
b64_rest = "([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
def photo_of(ctype, start):
    return {"type": "object", "additionalProperties": False, "required": ["content_type", "data_base64"], "properties": {
        "content_type": {"const": ctype}, "data_base64": {"type": "string", "maxLength": 2796204, "pattern": "^" + start + b64_rest}}}
photo = {"oneOf": [photo_of("image/jpeg", "/9j/"), photo_of("image/png", "iVBORw0KGgoA")]}
photos = {"type": ["array", "null"], "maxItems": 4, "items": photo}
hazard_kinds = ["offline", "fault", "low_battery", "tamper", "power_fault", "disabled", "electrical_warning",
                "pressure_abnormal", "chronic_false_alarm", "device_clock", "duty_unanswered"]
patrol_kinds = ["blocked_exit", "ebike_charging", "fire_door", "extinguisher", "hydrant", "wiring", "storage", "other_patrol"]
kinds_re = "|".join(hazard_kinds + patrol_kinds)
opt = lambda n=200: {"type": ["string", "null"], "maxLength": n}
id_opt = {"type": ["string", "null"], "pattern": "^([A-Za-z0-9_.-]{1,64})?$"}
patrol_body = {"type": "object", "additionalProperties": False, "required": ["kind", "street", "description"], "properties": {
    "kind": {"type": "string", "enum": patrol_kinds}, "street": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,64}$"},
    "community": id_opt, "unit": id_opt, "device": id_opt, "address": opt(500),
    "description": {"type": "string", "minLength": 1, "maxLength": 2000, "pattern": "\\S"},
    "location": {"type": ["object", "null"], "additionalProperties": False, "required": ["lat", "lon"], "properties": {
        "lat": {"type": "number", "minimum": -90, "maximum": 90}, "lon": {"type": "number", "minimum": -180, "maximum": 180}}},
    "assignee": {"type": ["object", "null"], "additionalProperties": False, "required": ["name"], "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 100}, "phone": opt(30)}},
    "photos": photos}}
def objschema(required, props):
    return {"type": "object", "required": required, "properties": props}
SCHEMAS = {
  "Error": objschema(["error"], {"error": string}),
  "GeoPoint": objschema(["lat", "lon"], {"lat": number, "lon": number}),
  "Transition": objschema(["at", "to", "by"], {"at": time, "to": string, "by": string, "why": string}),
  "Alarm": objschema(
    ["id", "device", "model", "kind", "severity", "state", "acknowledged", "confirmed", "condition", "street",
     "community", "address", "location", "raised_at", "count", "history"],
    {"id": string, "device": string, "model": string, "point": {"type": "object"},
     "kind": {"type": "string", "enum": ["fire", "manual_alarm", "electrical", "gas", "pre_alarm"]},
     "severity": {"type": "string", "enum": ["critical", "major", "minor"]},
     "state": {"type": "string", "enum": ["raised", "dispatched", "accepted", "on_scene", "resolved"]},
     "acknowledged": boolean, "confirmed": boolean, "condition": {"type": "string", "enum": ["active", "cleared"]},
     "resolution": {"type": "string", "enum": ["fire", "false_alarm", "test", "nuisance", "device_fault"]},
     "street": string, "community": string, "building": string, "address": string, "location": ref("GeoPoint"),
     "raised_at": time, "dispatched_at": time, "accepted_at": time, "on_scene_at": time, "resolved_at": time,
     "count": integer, "station": string, "incident": string, "drill": boolean,
     "history": {"type": "array", "items": ref("Transition")}}),
  "Hazard": objschema(
    ["id", "device", "kind", "state", "street", "opened_at", "due_at", "overdue", "history"],
    {"id": string, "device": string, "model": string, "point": {"type": "object"}, "kind": string,
     "state": {"type": "string", "enum": ["open", "rectified", "closed"]}, "street": string, "community": string,
     "building": string, "address": string, "overdue": boolean, "opened_at": time, "due_at": time,
     "rectified_at": time, "closed_at": time, "closed_by": string, "history": {"type": "array", "items": ref("Transition")},
     "source": {"type": "string", "enum": ["sensor", "patrol"]}, "unit": string, "description": string,
     "location": ref("GeoPoint"), "assignee": ref("Contact"), "photos": {"type": "array", "items": string},
     "opened_by": string, "rectified_by": string, "reminded": boolean}),
  "Contact": objschema(["name"], {"name": string, "phone": string, "role": string}),
  "Place": objschema(["id", "name"], {"id": string, "name": string, "name_en": string, "kind": string,
     "centre": ref("GeoPoint"), "street": string, "communities": {"type": "array", "items": {"type": "object"}}}),
  "Unit": objschema(["id", "name", "category", "address", "street", "community", "responsible"],
    {"id": string, "name": string, "category": {"type": "string", "enum": ["key_unit", "residential", "building"]},
     "address": string, "street": string, "community": string, "location": ref("GeoPoint"),
     "responsible": {"type": "array", "items": ref("Contact")}}),
  "Geography": objschema(["streets", "units"], {"streets": {"type": "array", "items": ref("Place")}, "units": {"type": "array", "items": ref("Unit")}}),
  "Station": objschema(
    ["id", "name", "street", "kind", "location", "status"],
    {"id": string, "name": string, "street": string, "kind": {"type": "string", "enum": ["community", "key_unit"]},
     "location": ref("GeoPoint"), "status": {"type": "string", "enum": ["available", "busy", "out_of_service"]},
     "open_dispatches": {"type": "array", "items": string}, "street_covered": boolean}),
  "Device": objschema(
    ["id", "model", "location", "address", "street", "community"],
    {"id": string, "model": string, "location": ref("GeoPoint"), "address": string, "street": string,
     "community": string, "building": string, "heartbeat_s": integer}),
  "Dispatch": objschema(
    ["dispatch_id", "alarm_id", "station_id", "rank", "at"],
    {"dispatch_id": string, "alarm_id": string, "station_id": string, "rank": integer, "device": string, "kind": string,
     "address": string, "location": ref("GeoPoint"), "distance_m": number, "eta_s": number, "ack_deadline": time,
     "at": time, "reason": string, "skipped": {"type": "array", "items": {"type": "object"}}}),
  "HazardIndexEntry": objschema(
    ["level", "id", "name", "score", "grade", "devices", "open_hazards", "overdue", "open_fire_alarms"],
    {"level": {"type": "string", "enum": ["street", "community", "unit"]}, "id": string, "name": string, "score": number,
     "grade": {"type": "string", "enum": ["green", "yellow", "orange", "red"]}, "devices": integer,
     "open_hazards": integer, "overdue": integer, "open_fire_alarms": integer}),
  "Caller": objschema(["name", "role"], {"name": string, "role": string, "station": string}),
  "Delivery": objschema(["id", "delivery_id", "target", "seq", "state", "attempts", "created_at"],
    {"id": integer, "delivery_id": string, "target": string, "seq": integer,
     "state": {"type": "string", "enum": ["pending", "delivered", "dead"]}, "attempts": integer, "created_at": time,
     "next_at": time, "delivered_at": time, "last_error": string}),
  "NotifyView": objschema(["targets", "deliveries"], {"targets": {"type": "array", "items": objschema(
    ["name", "format", "url", "pending", "delivered", "dead"], {"name": string, "format": string, "url": string,
     "pending": integer, "delivered": integer, "dead": integer})}, "deliveries": {"type": "array", "items": ref("Delivery")}}),
}
many = lambda n: {"type": "array", "items": ref(n)}

doc = {
  "openapi": "3.1.0",
  "info": {"title": "FireWatch API", "version": "1",
           "description": "firewatchd's HTTP API (INTERFACES.md). Roles by Authorization: Bearer TOKEN; without a tokens file the API is read-only for loopback clients."},
  "servers": [{"url": "/"}],
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "schemas": SCHEMAS,
    "responses": {"Error": {"description": "what is wrong, in words", "content": {"application/json": {"schema": ref("Error")}}}},
  },
  "security": [{"bearer": []}],
  "paths": {
    "/healthz": get("The process answers.", ok({"type": "string"}, ctype="text/plain"), security=False),
    "/readyz": get("Subscribed at the broker, the store takes writes, HTTP listens (503 with why otherwise).",
                   ok({"type": "string"}, ctype="text/plain"), security=False,
                   extra={"503": {"description": "not ready", "content": {"text/plain": {"schema": {"type": "string"}}}}}),
    "/metrics": get("Prometheus metrics.", ok({"type": "string"}, ctype="text/plain"), security=False),
    "/api/v1/openapi.json": get("This document.", ok(obj), security=False),
    "/api/v1/whoami": get("The caller's name and role.", ok(ref("Caller"))),
    "/api/v1/alarms": get("Alarms, newest first; X-Event-Seq is the stream position they were read at.", ok(many("Alarm")),
                          [q("state", {"type": "string", "enum": ["open", "all"]}), q("street", {"type": "string"})]),
    "/api/v1/alarms/{id}": {"get": {**get("One alarm.", ok(ref("Alarm")))["get"], "parameters": [id_param]}},
    "/api/v1/alarms/{id}/cap": {"get": {**get("The alarm as a CAP 1.2 alert.", ok({"type": "string"}, ctype="application/cap+xml"))["get"], "parameters": [id_param]}},
    "/api/v1/alarms/{id}/dispatches": {"get": {**get("The pages sent for an alarm, with why.", ok(many("Dispatch")))["get"], "parameters": [id_param]}},
    "/api/v1/stations": get("Stations with their open dispatches and street coverage.", ok(many("Station"))),
    "/api/v1/devices": get("Registered devices.", ok(many("Device")), [q("street", {"type": "string"})]),
    "/api/v1/devices/{id}": {"get": {**get("One registered device.", ok(ref("Device")))["get"], "parameters": [id_param]}},
    "/api/v1/hazards": {**get("Hazards (隐患), filtered.", ok(many("Hazard")), [
        q("state", {"type": "string", "enum": ["open", "rectified", "closed", "all"]}), q("street", {"type": "string"}),
        q("community", {"type": "string"}), q("unit", {"type": "string"}),
        q("kind", {"type": "string", "pattern": "^(" + kinds_re + ")(,(" + kinds_re + "))*$"}, "comma-separated hazard kinds"),
        q("overdue", {"type": "string", "enum": ["true", "false"]}), q("source", {"type": "string", "enum": ["sensor", "patrol"]})]),
        **post("Open a hazard found on patrol (防火巡查); the token's name is who found it.", patrol_body, ok(ref("Hazard"), desc="Created"),
               required=True, params=[], status="201")},
    "/api/v1/hazards/{id}": {"get": {**get("One hazard, open or closed.", ok(ref("Hazard")))["get"], "parameters": [id_param]}},
    "/api/v1/hazards/{id}/photos/{n}": {"get": {**get("Photo n of a hazard (JPEG or PNG).",
        {"description": "the photo", "content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                                                 "image/png": {"schema": {"type": "string", "format": "binary"}}}})["get"],
        "parameters": [id_param, {"name": "n", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0, "maximum": 7}}]}},
    "/api/v1/hazard-index": get("The community hazard index (社区安全隐患指数).", ok(many("HazardIndexEntry")), [q("level", {"type": "string", "enum": ["street", "community", "unit"]})]),
    "/api/v1/dispatches/{id}/answer": post("A station's answer to its page (a station token for its own station's dispatches, or an operator); the checks of an answer over MQTT.",
        {"type": "object", "additionalProperties": False, "required": ["status"], "properties": {
            "status": {"type": "string", "enum": ["accepted", "declined", "on_scene", "resolved"]},
            "cause": {"type": ["string", "null"], "enum": ["fire", "false_alarm", "test", "nuisance", "device_fault", None]}, "note": note}},
        ok(ref("Alarm")), required=True),
    "/api/v1/notify": get("Outbound targets with their counts, and recent deliveries (dead letters with state=dead).",
        ok(ref("NotifyView")), [q("state", {"type": "string", "enum": ["pending", "delivered", "dead"]}), q("target", {"type": "string"}),
                                q("limit", {"type": "integer", "minimum": 1, "maximum": 10000})]),
    "/api/v1/notify/retry": post("Send dead letters again: all, one target's, or the ones named (operator).",
        {"type": "object", "additionalProperties": False, "properties": {"target": {"type": ["string", "null"], "maxLength": 100},
         "delivery_ids": {"type": ["array", "null"], "maxItems": 100, "items": {"type": "string", "minLength": 1, "maxLength": 100}}}},
        ok(objschema(["requeued"], {"requeued": integer})), params=[]),
    "/api/v1/reports": get("The assessment report (督导考核) for a period, compared with the one before: JSON, CSV or stand-alone HTML. "
        "from/to are dates (to included) or RFC 3339 times (to excluded); a period ending before it starts is empty, one longer than 400 days is its last 400.",
        {"description": "the report", "content": {
            "application/json": {"schema": objschema(["from", "to", "level", "entries", "drills"], {
                "from": {"type": "string"}, "to": {"type": "string"}, "level": {"type": "string", "enum": ["street", "station", "community"]},
                "entries": {"type": "array", "items": {"type": "object", "required": ["id", "name", "alarms"]}},
                "drills": {"type": "object", "required": ["entries"]}})},
            "text/csv": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}},
        [dict(q("from", {"type": "string", "format": "date", "pattern": date_re}), required=True), dict(q("to", {"type": "string", "format": "date", "pattern": date_re}), required=True),
         q("level", {"type": "string", "enum": ["street", "station", "community"]}), q("street", {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,64}$"}),
         q("format", {"type": "string", "enum": ["json", "csv", "html"]}), q("lang", {"type": "string", "enum": ["zh", "en"]}),
         q("fragment", {"type": "string", "enum": ["1"]}, "html: the body alone (what /reports shows)")]),
    "/api/v1/drills": post("Start a drill (联勤联训): an exercise dispatch (drill: true, CAP Exercise) to an available station, answered as usual, reported apart (operator).",
        {"type": "object", "additionalProperties": False, "required": ["station"], "properties": {
            "station": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,64}$"}, "device": {"type": ["string", "null"], "pattern": "^[A-Za-z0-9_.-]{1,64}$"},
            "by": {"type": ["string", "null"], "maxLength": 200}}},
        ok(ref("Alarm")), required=True, params=[], status="201"),
    "/api/v1/geography": get("Streets (街镇) with their communities (居委), and the units of the baseline register (底数清册).", ok(ref("Geography"))),
    "/api/v1/events": get("The operator stream (Server-Sent Events); ?token= is accepted here only.",
                          ok(sse_event, ctype="text/event-stream"),
                          [q("after", seqno, "resume after this sequence number"),
                           q("since", since, "replay from this long ago (10m, 2h, 1d, 90 = seconds) or this RFC 3339 time"),
                           q("last", seqno, "replay the last N events"), q("token", {"type": "string"}),
                           {"name": "Last-Event-ID", "in": "header", "required": False, "schema": {"type": "string", "pattern": "^([0-9]{1,18})?$"},
                            "description": "resume after this sequence number (what EventSource sends on reconnect)"}]),
    "/api/v1/alarms/{id}/acknowledge": post("Acknowledge an alarm (operator).", alarm_action, ok(ref("Alarm"))),
    "/api/v1/alarms/{id}/confirm": post("Confirm a fire (operator).", alarm_action, ok(ref("Alarm"))),
    "/api/v1/alarms/{id}/resolve": post("Resolve an alarm with its cause (operator).", resolve, ok(ref("Alarm"))),
    "/api/v1/hazards/{id}/rectify": post("Report a hazard fixed, saying what was done (inspector); the token's name is who rectified it.",
        {"type": "object", "additionalProperties": False, "required": ["note"], "properties": {"note": {"type": "string", "minLength": 1, "maxLength": 1000}, "photos": photos}},
        ok(ref("Hazard")), required=True),
    "/api/v1/hazards/{id}/close": post("Verify a hazard closed (inspector); not by whoever rectified it (409).",
        {"type": "object", "additionalProperties": False, "properties": {"note": note}}, ok(ref("Hazard"))),
    "/api/v1/stations/{id}/status": post("Set a station's availability (operator).",
        {"type": "object", "additionalProperties": False, "required": ["status"], "properties": {
            "status": {"type": "string", "enum": ["available", "busy", "out_of_service"]}, "by": by}}, ok(ref("Station")), required=True),
    "/api/v1/devices/{id}/suppress": post("Record a device's alarms without dispatching them for a while (operator).",
        {"type": "object", "additionalProperties": False, "required": ["reason", "minutes"], "properties": {
            "reason": {"type": "string", "enum": ["test", "maintenance"]}, "minutes": {"type": "integer", "minimum": 1, "maximum": 10080},
            "by": by}}, ok(obj), required=True),
  },
}
# Who may call each operation (INTERFACES.md roles): in the description and as x-firewatch-role.
public = {"/healthz", "/readyz", "/metrics", "/api/v1/openapi.json"}
for path, ops in doc["paths"].items():
    for method, op in ops.items():
        role = ("none" if path in public else "station" if path.startswith("/api/v1/dispatches") else "operator" if path.startswith("/api/v1/notify")
                else "viewer" if method == "get" else "inspector" if path.startswith("/api/v1/hazards") else "operator")
        op["x-firewatch-role"] = role
        op["description"] = ("No token needed." if role == "none" else
                             "Role station (its own station's dispatches only, 403 otherwise) or operator." if role == "station" else
                             f"Role {role} or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below {role}).")
        if role == "none":
            op["security"] = []
# Operation ids, and links from the lists to the operations on one of their items, so a client
# generator or a fuzzer reaches real ids.
for path, ops in doc["paths"].items():
    for method, op in ops.items():
        name = method + "".join(p.strip("{}").replace("-", " ").title().replace(" ", "") for p in path.split("/") if p and p not in ("api", "v1"))
        op["operationId"] = name.replace(".", "")
def link(list_path, targets):
    links = {}
    for t in targets:
        for method, op in doc["paths"][t].items():
            links[op["operationId"]] = {"operationId": op["operationId"], "parameters": {"id": "$response.body#/0/id"}}
    doc["paths"][list_path]["get"]["responses"]["200"]["links"] = links
link("/api/v1/alarms", ["/api/v1/alarms/{id}", "/api/v1/alarms/{id}/cap", "/api/v1/alarms/{id}/dispatches",
     "/api/v1/alarms/{id}/acknowledge", "/api/v1/alarms/{id}/confirm", "/api/v1/alarms/{id}/resolve"])
link("/api/v1/hazards", ["/api/v1/hazards/{id}/rectify", "/api/v1/hazards/{id}/close"])
link("/api/v1/devices", ["/api/v1/devices/{id}", "/api/v1/devices/{id}/suppress"])
link("/api/v1/stations", ["/api/v1/stations/{id}/status"])
text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)
swift = '''/// The API's OpenAPI 3 document, served at `GET /api/v1/openapi.json` without a token: a literal,
/// so the binary needs no resource bundle. Written by `scripts/openapi.py` (edit that); a test checks
/// that every route is in it, and schemathesis runs against the live API from it.
enum OpenAPIDocument {
    static let json = #"""
''' + text + '''
"""#
}
'''
open('Sources/FireWatchServer/OpenAPI/OpenAPIDocument.swift','w').write(swift)
import yaml
with open('docs/openapi.yaml', 'w') as f:
    f.write("# FireWatch HTTP API (OpenAPI 3.1), served as JSON at GET /api/v1/openapi.json.\n")
    f.write("# Written by scripts/openapi.py with OpenAPIDocument.swift: edit the script, not this file.\n")
    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data):  # FireWatch refuses YAML anchors and aliases
            return True
    yaml.dump(doc, f, Dumper=NoAliases, allow_unicode=True, sort_keys=True, width=110)
