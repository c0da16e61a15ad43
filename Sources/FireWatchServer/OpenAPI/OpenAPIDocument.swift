/// The API's OpenAPI 3 document, served at `GET /api/v1/openapi.json` without a token: a literal,
/// so the binary needs no resource bundle. Written by `scripts/openapi.py` (edit that); a test checks
/// that every route is in it, and schemathesis runs against the live API from it.
enum OpenAPIDocument {
    static let json = #"""
{
 "components": {
  "responses": {
   "Error": {
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    },
    "description": "what is wrong, in words"
   }
  },
  "schemas": {
   "Alarm": {
    "properties": {
     "accepted_at": {
      "format": "date-time",
      "type": "string"
     },
     "acknowledged": {
      "type": "boolean"
     },
     "address": {
      "type": "string"
     },
     "building": {
      "type": "string"
     },
     "community": {
      "type": "string"
     },
     "condition": {
      "enum": [
       "active",
       "cleared"
      ],
      "type": "string"
     },
     "confirmed": {
      "type": "boolean"
     },
     "count": {
      "type": "integer"
     },
     "device": {
      "type": "string"
     },
     "dispatched_at": {
      "format": "date-time",
      "type": "string"
     },
     "drill": {
      "type": "boolean"
     },
     "history": {
      "items": {
       "$ref": "#/components/schemas/Transition"
      },
      "type": "array"
     },
     "id": {
      "type": "string"
     },
     "incident": {
      "type": "string"
     },
     "kind": {
      "enum": [
       "fire",
       "manual_alarm",
       "electrical",
       "gas",
       "pre_alarm"
      ],
      "type": "string"
     },
     "location": {
      "$ref": "#/components/schemas/GeoPoint"
     },
     "model": {
      "type": "string"
     },
     "on_scene_at": {
      "format": "date-time",
      "type": "string"
     },
     "point": {
      "type": "object"
     },
     "raised_at": {
      "format": "date-time",
      "type": "string"
     },
     "resolution": {
      "enum": [
       "fire",
       "false_alarm",
       "test",
       "nuisance",
       "device_fault"
      ],
      "type": "string"
     },
     "resolved_at": {
      "format": "date-time",
      "type": "string"
     },
     "severity": {
      "enum": [
       "critical",
       "major",
       "minor"
      ],
      "type": "string"
     },
     "state": {
      "enum": [
       "raised",
       "dispatched",
       "accepted",
       "on_scene",
       "resolved"
      ],
      "type": "string"
     },
     "station": {
      "type": "string"
     },
     "street": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "device",
     "model",
     "kind",
     "severity",
     "state",
     "acknowledged",
     "confirmed",
     "condition",
     "street",
     "community",
     "address",
     "location",
     "raised_at",
     "count",
     "history"
    ],
    "type": "object"
   },
   "Caller": {
    "properties": {
     "name": {
      "type": "string"
     },
     "role": {
      "type": "string"
     },
     "station": {
      "type": "string"
     }
    },
    "required": [
     "name",
     "role"
    ],
    "type": "object"
   },
   "Contact": {
    "properties": {
     "name": {
      "type": "string"
     },
     "phone": {
      "type": "string"
     },
     "role": {
      "type": "string"
     }
    },
    "required": [
     "name"
    ],
    "type": "object"
   },
   "Delivery": {
    "properties": {
     "attempts": {
      "type": "integer"
     },
     "created_at": {
      "format": "date-time",
      "type": "string"
     },
     "delivered_at": {
      "format": "date-time",
      "type": "string"
     },
     "delivery_id": {
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "last_error": {
      "type": "string"
     },
     "next_at": {
      "format": "date-time",
      "type": "string"
     },
     "seq": {
      "type": "integer"
     },
     "state": {
      "enum": [
       "pending",
       "delivered",
       "dead"
      ],
      "type": "string"
     },
     "target": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "delivery_id",
     "target",
     "seq",
     "state",
     "attempts",
     "created_at"
    ],
    "type": "object"
   },
   "Device": {
    "properties": {
     "address": {
      "type": "string"
     },
     "building": {
      "type": "string"
     },
     "community": {
      "type": "string"
     },
     "heartbeat_s": {
      "type": "integer"
     },
     "id": {
      "type": "string"
     },
     "location": {
      "$ref": "#/components/schemas/GeoPoint"
     },
     "model": {
      "type": "string"
     },
     "street": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "model",
     "location",
     "address",
     "street",
     "community"
    ],
    "type": "object"
   },
   "Dispatch": {
    "properties": {
     "ack_deadline": {
      "format": "date-time",
      "type": "string"
     },
     "address": {
      "type": "string"
     },
     "alarm_id": {
      "type": "string"
     },
     "at": {
      "format": "date-time",
      "type": "string"
     },
     "device": {
      "type": "string"
     },
     "dispatch_id": {
      "type": "string"
     },
     "distance_m": {
      "type": "number"
     },
     "eta_s": {
      "type": "number"
     },
     "kind": {
      "type": "string"
     },
     "location": {
      "$ref": "#/components/schemas/GeoPoint"
     },
     "rank": {
      "type": "integer"
     },
     "reason": {
      "type": "string"
     },
     "skipped": {
      "items": {
       "type": "object"
      },
      "type": "array"
     },
     "station_id": {
      "type": "string"
     }
    },
    "required": [
     "dispatch_id",
     "alarm_id",
     "station_id",
     "rank",
     "at"
    ],
    "type": "object"
   },
   "Error": {
    "properties": {
     "error": {
      "type": "string"
     }
    },
    "required": [
     "error"
    ],
    "type": "object"
   },
   "GeoPoint": {
    "properties": {
     "lat": {
      "type": "number"
     },
     "lon": {
      "type": "number"
     }
    },
    "required": [
     "lat",
     "lon"
    ],
    "type": "object"
   },
   "Geography": {
    "properties": {
     "streets": {
      "items": {
       "$ref": "#/components/schemas/Place"
      },
      "type": "array"
     },
     "units": {
      "items": {
       "$ref": "#/components/schemas/Unit"
      },
      "type": "array"
     }
    },
    "required": [
     "streets",
     "units"
    ],
    "type": "object"
   },
   "Hazard": {
    "properties": {
     "address": {
      "type": "string"
     },
     "assignee": {
      "$ref": "#/components/schemas/Contact"
     },
     "building": {
      "type": "string"
     },
     "closed_at": {
      "format": "date-time",
      "type": "string"
     },
     "closed_by": {
      "type": "string"
     },
     "community": {
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "device": {
      "type": "string"
     },
     "due_at": {
      "format": "date-time",
      "type": "string"
     },
     "history": {
      "items": {
       "$ref": "#/components/schemas/Transition"
      },
      "type": "array"
     },
     "id": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "location": {
      "$ref": "#/components/schemas/GeoPoint"
     },
     "model": {
      "type": "string"
     },
     "opened_at": {
      "format": "date-time",
      "type": "string"
     },
     "opened_by": {
      "type": "string"
     },
     "overdue": {
      "type": "boolean"
     },
     "photos": {
      "items": {
       "type": "string"
      },
      "type": "array"
     },
     "point": {
      "type": "object"
     },
     "rectified_at": {
      "format": "date-time",
      "type": "string"
     },
     "rectified_by": {
      "type": "string"
     },
     "reminded": {
      "type": "boolean"
     },
     "source": {
      "enum": [
       "sensor",
       "patrol"
      ],
      "type": "string"
     },
     "state": {
      "enum": [
       "open",
       "rectified",
       "closed"
      ],
      "type": "string"
     },
     "street": {
      "type": "string"
     },
     "unit": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "device",
     "kind",
     "state",
     "street",
     "opened_at",
     "due_at",
     "overdue",
     "history"
    ],
    "type": "object"
   },
   "HazardIndexEntry": {
    "properties": {
     "devices": {
      "type": "integer"
     },
     "grade": {
      "enum": [
       "green",
       "yellow",
       "orange",
       "red"
      ],
      "type": "string"
     },
     "id": {
      "type": "string"
     },
     "level": {
      "enum": [
       "street",
       "community",
       "unit"
      ],
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "open_fire_alarms": {
      "type": "integer"
     },
     "open_hazards": {
      "type": "integer"
     },
     "overdue": {
      "type": "integer"
     },
     "score": {
      "type": "number"
     }
    },
    "required": [
     "level",
     "id",
     "name",
     "score",
     "grade",
     "devices",
     "open_hazards",
     "overdue",
     "open_fire_alarms"
    ],
    "type": "object"
   },
   "NotifyView": {
    "properties": {
     "deliveries": {
      "items": {
       "$ref": "#/components/schemas/Delivery"
      },
      "type": "array"
     },
     "targets": {
      "items": {
       "properties": {
        "dead": {
         "type": "integer"
        },
        "delivered": {
         "type": "integer"
        },
        "format": {
         "type": "string"
        },
        "name": {
         "type": "string"
        },
        "pending": {
         "type": "integer"
        },
        "url": {
         "type": "string"
        }
       },
       "required": [
        "name",
        "format",
        "url",
        "pending",
        "delivered",
        "dead"
       ],
       "type": "object"
      },
      "type": "array"
     }
    },
    "required": [
     "targets",
     "deliveries"
    ],
    "type": "object"
   },
   "Place": {
    "properties": {
     "centre": {
      "$ref": "#/components/schemas/GeoPoint"
     },
     "communities": {
      "items": {
       "type": "object"
      },
      "type": "array"
     },
     "id": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "name_en": {
      "type": "string"
     },
     "street": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "name"
    ],
    "type": "object"
   },
   "Station": {
    "properties": {
     "id": {
      "type": "string"
     },
     "kind": {
      "enum": [
       "community",
       "key_unit"
      ],
      "type": "string"
     },
     "location": {
      "$ref": "#/components/schemas/GeoPoint"
     },
     "name": {
      "type": "string"
     },
     "open_dispatches": {
      "items": {
       "type": "string"
      },
      "type": "array"
     },
     "status": {
      "enum": [
       "available",
       "busy",
       "out_of_service"
      ],
      "type": "string"
     },
     "street": {
      "type": "string"
     },
     "street_covered": {
      "type": "boolean"
     }
    },
    "required": [
     "id",
     "name",
     "street",
     "kind",
     "location",
     "status"
    ],
    "type": "object"
   },
   "Transition": {
    "properties": {
     "at": {
      "format": "date-time",
      "type": "string"
     },
     "by": {
      "type": "string"
     },
     "to": {
      "type": "string"
     },
     "why": {
      "type": "string"
     }
    },
    "required": [
     "at",
     "to",
     "by"
    ],
    "type": "object"
   },
   "Unit": {
    "properties": {
     "address": {
      "type": "string"
     },
     "category": {
      "enum": [
       "key_unit",
       "residential",
       "building"
      ],
      "type": "string"
     },
     "community": {
      "type": "string"
     },
     "id": {
      "type": "string"
     },
     "location": {
      "$ref": "#/components/schemas/GeoPoint"
     },
     "name": {
      "type": "string"
     },
     "responsible": {
      "items": {
       "$ref": "#/components/schemas/Contact"
      },
      "type": "array"
     },
     "street": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "name",
     "category",
     "address",
     "street",
     "community",
     "responsible"
    ],
    "type": "object"
   }
  },
  "securitySchemes": {
   "bearer": {
    "scheme": "bearer",
    "type": "http"
   }
  }
 },
 "info": {
  "description": "firewatchd's HTTP API (INTERFACES.md). Roles by Authorization: Bearer TOKEN; without a tokens file the API is read-only for loopback clients.",
  "title": "FireWatch API",
  "version": "1"
 },
 "openapi": "3.1.0",
 "paths": {
  "/api/v1/alarms": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getAlarms",
    "parameters": [
     {
      "description": "",
      "in": "query",
      "name": "state",
      "required": false,
      "schema": {
       "enum": [
        "open",
        "all"
       ],
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "street",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "items": {
          "$ref": "#/components/schemas/Alarm"
         },
         "type": "array"
        }
       }
      },
      "description": "OK",
      "links": {
       "getAlarmsId": {
        "operationId": "getAlarmsId",
        "parameters": {
         "id": "$response.body#/0/id"
        }
       },
       "getAlarmsIdCap": {
        "operationId": "getAlarmsIdCap",
        "parameters": {
         "id": "$response.body#/0/id"
        }
       },
       "getAlarmsIdDispatches": {
        "operationId": "getAlarmsIdDispatches",
        "parameters": {
         "id": "$response.body#/0/id"
        }
       },
       "postAlarmsIdAcknowledge": {
        "operationId": "postAlarmsIdAcknowledge",
        "parameters": {
         "id": "$response.body#/0/id"
        }
       },
       "postAlarmsIdConfirm": {
        "operationId": "postAlarmsIdConfirm",
        "parameters": {
         "id": "$response.body#/0/id"
        }
       },
       "postAlarmsIdResolve": {
        "operationId": "postAlarmsIdResolve",
        "parameters": {
         "id": "$response.body#/0/id"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Alarms, newest first; X-Event-Seq is the stream position they were read at.",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/alarms/{id}": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getAlarmsId",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Alarm"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "One alarm.",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/alarms/{id}/acknowledge": {
   "post": {
    "description": "Role operator or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below operator).",
    "operationId": "postAlarmsIdAcknowledge",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "by": {
          "maxLength": 200,
          "type": [
           "string",
           "null"
          ]
         },
         "note": {
          "maxLength": 1000,
          "type": [
           "string",
           "null"
          ]
         }
        },
        "type": "object"
       }
      }
     },
     "required": false
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Alarm"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Acknowledge an alarm (operator).",
    "x-firewatch-role": "operator"
   }
  },
  "/api/v1/alarms/{id}/cap": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getAlarmsIdCap",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/cap+xml": {
        "schema": {
         "type": "string"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "The alarm as a CAP 1.2 alert.",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/alarms/{id}/confirm": {
   "post": {
    "description": "Role operator or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below operator).",
    "operationId": "postAlarmsIdConfirm",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "by": {
          "maxLength": 200,
          "type": [
           "string",
           "null"
          ]
         },
         "note": {
          "maxLength": 1000,
          "type": [
           "string",
           "null"
          ]
         }
        },
        "type": "object"
       }
      }
     },
     "required": false
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Alarm"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Confirm a fire (operator).",
    "x-firewatch-role": "operator"
   }
  },
  "/api/v1/alarms/{id}/dispatches": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getAlarmsIdDispatches",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "items": {
          "$ref": "#/components/schemas/Dispatch"
         },
         "type": "array"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "The pages sent for an alarm, with why.",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/alarms/{id}/resolve": {
   "post": {
    "description": "Role operator or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below operator).",
    "operationId": "postAlarmsIdResolve",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "by": {
          "maxLength": 200,
          "type": [
           "string",
           "null"
          ]
         },
         "cause": {
          "enum": [
           "fire",
           "false_alarm",
           "test",
           "nuisance",
           "device_fault",
           null
          ],
          "type": [
           "string",
           "null"
          ]
         },
         "note": {
          "maxLength": 1000,
          "type": [
           "string",
           "null"
          ]
         }
        },
        "type": "object"
       }
      }
     },
     "required": false
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Alarm"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Resolve an alarm with its cause (operator).",
    "x-firewatch-role": "operator"
   }
  },
  "/api/v1/devices": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getDevices",
    "parameters": [
     {
      "description": "",
      "in": "query",
      "name": "street",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "items": {
          "$ref": "#/components/schemas/Device"
         },
         "type": "array"
        }
       }
      },
      "description": "OK",
      "links": {
       "getDevicesId": {
        "operationId": "getDevicesId",
        "parameters": {
         "id": "$response.body#/0/id"
        }
       },
       "postDevicesIdSuppress": {
        "operationId": "postDevicesIdSuppress",
        "parameters": {
         "id": "$response.body#/0/id"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Registered devices.",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/devices/{id}": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getDevicesId",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Device"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "One registered device.",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/devices/{id}/suppress": {
   "post": {
    "description": "Role operator or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below operator).",
    "operationId": "postDevicesIdSuppress",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "by": {
          "maxLength": 200,
          "type": [
           "string",
           "null"
          ]
         },
         "minutes": {
          "maximum": 10080,
          "minimum": 1,
          "type": "integer"
         },
         "reason": {
          "enum": [
           "test",
           "maintenance"
          ],
          "type": "string"
         }
        },
        "required": [
         "reason",
         "minutes"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Record a device's alarms without dispatching them for a while (operator).",
    "x-firewatch-role": "operator"
   }
  },
  "/api/v1/dispatches/{id}/answer": {
   "post": {
    "description": "Role station (its own station's dispatches only, 403 otherwise) or operator.",
    "operationId": "postDispatchesIdAnswer",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "cause": {
          "enum": [
           "fire",
           "false_alarm",
           "test",
           "nuisance",
           "device_fault",
           null
          ],
          "type": [
           "string",
           "null"
          ]
         },
         "note": {
          "maxLength": 1000,
          "type": [
           "string",
           "null"
          ]
         },
         "status": {
          "enum": [
           "accepted",
           "declined",
           "on_scene",
           "resolved"
          ],
          "type": "string"
         }
        },
        "required": [
         "status"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Alarm"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "A station's answer to its page (a station token for its own station's dispatches, or an operator); the checks of an answer over MQTT.",
    "x-firewatch-role": "station"
   }
  },
  "/api/v1/drills": {
   "post": {
    "description": "Role operator or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below operator).",
    "operationId": "postDrills",
    "parameters": [],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "by": {
          "maxLength": 200,
          "type": [
           "string",
           "null"
          ]
         },
         "device": {
          "pattern": "^[A-Za-z0-9_.-]{1,64}$",
          "type": [
           "string",
           "null"
          ]
         },
         "station": {
          "pattern": "^[A-Za-z0-9_.-]{1,64}$",
          "type": "string"
         }
        },
        "required": [
         "station"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Alarm"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Start a drill (联勤联训): an exercise dispatch (drill: true, CAP Exercise) to an available station, answered as usual, reported apart (operator).",
    "x-firewatch-role": "operator"
   }
  },
  "/api/v1/events": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getEvents",
    "parameters": [
     {
      "description": "resume after this sequence number",
      "in": "query",
      "name": "after",
      "required": false,
      "schema": {
       "maximum": 9223372036854775807,
       "minimum": 0,
       "type": "integer"
      }
     },
     {
      "description": "replay from this long ago (10m, 2h, 1d, 90 = seconds) or this RFC 3339 time",
      "in": "query",
      "name": "since",
      "required": false,
      "schema": {
       "anyOf": [
        {
         "pattern": "^[0-9]{1,9}(\\.[0-9]{1,6})?[smhd]?$",
         "type": "string"
        },
        {
         "format": "date-time",
         "type": "string"
        }
       ]
      }
     },
     {
      "description": "replay the last N events",
      "in": "query",
      "name": "last",
      "required": false,
      "schema": {
       "maximum": 9223372036854775807,
       "minimum": 0,
       "type": "integer"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "token",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "resume after this sequence number (what EventSource sends on reconnect)",
      "in": "header",
      "name": "Last-Event-ID",
      "required": false,
      "schema": {
       "pattern": "^([0-9]{1,18})?$",
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "text/event-stream": {
        "schema": {
         "properties": {
          "data": {
           "contentMediaType": "application/json",
           "type": "string"
          },
          "event": {
           "pattern": "^[a-z_]+(\\.[a-z_]+)+$",
           "type": "string"
          },
          "id": {
           "pattern": "^[0-9]+$",
           "type": "string"
          },
          "retry": {
           "type": "integer"
          }
         },
         "required": [
          "id",
          "event",
          "data"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "The operator stream (Server-Sent Events); ?token= is accepted here only.",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/geography": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getGeography",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Geography"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Streets (街镇) with their communities (居委), and the units of the baseline register (底数清册).",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/hazard-index": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getHazardIndex",
    "parameters": [
     {
      "description": "",
      "in": "query",
      "name": "level",
      "required": false,
      "schema": {
       "enum": [
        "street",
        "community",
        "unit"
       ],
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "items": {
          "$ref": "#/components/schemas/HazardIndexEntry"
         },
         "type": "array"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "The community hazard index (社区安全隐患指数).",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/hazards": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getHazards",
    "parameters": [
     {
      "description": "",
      "in": "query",
      "name": "state",
      "required": false,
      "schema": {
       "enum": [
        "open",
        "rectified",
        "closed",
        "all"
       ],
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "street",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "community",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "unit",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "comma-separated hazard kinds",
      "in": "query",
      "name": "kind",
      "required": false,
      "schema": {
       "pattern": "^(offline|fault|low_battery|tamper|power_fault|disabled|electrical_warning|pressure_abnormal|chronic_false_alarm|device_clock|duty_unanswered|blocked_exit|ebike_charging|fire_door|extinguisher|hydrant|wiring|storage|other_patrol)(,(offline|fault|low_battery|tamper|power_fault|disabled|electrical_warning|pressure_abnormal|chronic_false_alarm|device_clock|duty_unanswered|blocked_exit|ebike_charging|fire_door|extinguisher|hydrant|wiring|storage|other_patrol))*$",
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "overdue",
      "required": false,
      "schema": {
       "enum": [
        "true",
        "false"
       ],
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "source",
      "required": false,
      "schema": {
       "enum": [
        "sensor",
        "patrol"
       ],
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "items": {
          "$ref": "#/components/schemas/Hazard"
         },
         "type": "array"
        }
       }
      },
      "description": "OK",
      "links": {
       "postHazardsIdClose": {
        "operationId": "postHazardsIdClose",
        "parameters": {
         "id": "$response.body#/0/id"
        }
       },
       "postHazardsIdRectify": {
        "operationId": "postHazardsIdRectify",
        "parameters": {
         "id": "$response.body#/0/id"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Hazards (隐患), filtered.",
    "x-firewatch-role": "viewer"
   },
   "post": {
    "description": "Role inspector or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below inspector).",
    "operationId": "postHazards",
    "parameters": [],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "address": {
          "maxLength": 500,
          "type": [
           "string",
           "null"
          ]
         },
         "assignee": {
          "additionalProperties": false,
          "properties": {
           "name": {
            "maxLength": 100,
            "minLength": 1,
            "type": "string"
           },
           "phone": {
            "maxLength": 30,
            "type": [
             "string",
             "null"
            ]
           }
          },
          "required": [
           "name"
          ],
          "type": [
           "object",
           "null"
          ]
         },
         "community": {
          "pattern": "^([A-Za-z0-9_.-]{1,64})?$",
          "type": [
           "string",
           "null"
          ]
         },
         "description": {
          "maxLength": 2000,
          "minLength": 1,
          "pattern": "\\S",
          "type": "string"
         },
         "device": {
          "pattern": "^([A-Za-z0-9_.-]{1,64})?$",
          "type": [
           "string",
           "null"
          ]
         },
         "kind": {
          "enum": [
           "blocked_exit",
           "ebike_charging",
           "fire_door",
           "extinguisher",
           "hydrant",
           "wiring",
           "storage",
           "other_patrol"
          ],
          "type": "string"
         },
         "location": {
          "additionalProperties": false,
          "properties": {
           "lat": {
            "maximum": 90,
            "minimum": -90,
            "type": "number"
           },
           "lon": {
            "maximum": 180,
            "minimum": -180,
            "type": "number"
           }
          },
          "required": [
           "lat",
           "lon"
          ],
          "type": [
           "object",
           "null"
          ]
         },
         "photos": {
          "items": {
           "oneOf": [
            {
             "additionalProperties": false,
             "properties": {
              "content_type": {
               "const": "image/jpeg"
              },
              "data_base64": {
               "maxLength": 2796204,
               "pattern": "^/9j/([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
               "type": "string"
              }
             },
             "required": [
              "content_type",
              "data_base64"
             ],
             "type": "object"
            },
            {
             "additionalProperties": false,
             "properties": {
              "content_type": {
               "const": "image/png"
              },
              "data_base64": {
               "maxLength": 2796204,
               "pattern": "^iVBORw0KGgoA([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
               "type": "string"
              }
             },
             "required": [
              "content_type",
              "data_base64"
             ],
             "type": "object"
            }
           ]
          },
          "maxItems": 4,
          "type": [
           "array",
           "null"
          ]
         },
         "street": {
          "pattern": "^[A-Za-z0-9_.-]{1,64}$",
          "type": "string"
         },
         "unit": {
          "pattern": "^([A-Za-z0-9_.-]{1,64})?$",
          "type": [
           "string",
           "null"
          ]
         }
        },
        "required": [
         "kind",
         "street",
         "description"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Hazard"
        }
       }
      },
      "description": "Created"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Open a hazard found on patrol (防火巡查); the token's name is who found it.",
    "x-firewatch-role": "inspector"
   }
  },
  "/api/v1/hazards/{id}": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getHazardsId",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Hazard"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "One hazard, open or closed.",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/hazards/{id}/close": {
   "post": {
    "description": "Role inspector or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below inspector).",
    "operationId": "postHazardsIdClose",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "note": {
          "maxLength": 1000,
          "type": [
           "string",
           "null"
          ]
         }
        },
        "type": "object"
       }
      }
     },
     "required": false
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Hazard"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Verify a hazard closed (inspector); not by whoever rectified it (409).",
    "x-firewatch-role": "inspector"
   }
  },
  "/api/v1/hazards/{id}/photos/{n}": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getHazardsIdPhotosN",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     },
     {
      "in": "path",
      "name": "n",
      "required": true,
      "schema": {
       "maximum": 7,
       "minimum": 0,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "image/jpeg": {
        "schema": {
         "format": "binary",
         "type": "string"
        }
       },
       "image/png": {
        "schema": {
         "format": "binary",
         "type": "string"
        }
       }
      },
      "description": "the photo"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Photo n of a hazard (JPEG or PNG).",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/hazards/{id}/rectify": {
   "post": {
    "description": "Role inspector or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below inspector).",
    "operationId": "postHazardsIdRectify",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "note": {
          "maxLength": 1000,
          "minLength": 1,
          "type": "string"
         },
         "photos": {
          "items": {
           "oneOf": [
            {
             "additionalProperties": false,
             "properties": {
              "content_type": {
               "const": "image/jpeg"
              },
              "data_base64": {
               "maxLength": 2796204,
               "pattern": "^/9j/([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
               "type": "string"
              }
             },
             "required": [
              "content_type",
              "data_base64"
             ],
             "type": "object"
            },
            {
             "additionalProperties": false,
             "properties": {
              "content_type": {
               "const": "image/png"
              },
              "data_base64": {
               "maxLength": 2796204,
               "pattern": "^iVBORw0KGgoA([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
               "type": "string"
              }
             },
             "required": [
              "content_type",
              "data_base64"
             ],
             "type": "object"
            }
           ]
          },
          "maxItems": 4,
          "type": [
           "array",
           "null"
          ]
         }
        },
        "required": [
         "note"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Hazard"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Report a hazard fixed, saying what was done (inspector); the token's name is who rectified it.",
    "x-firewatch-role": "inspector"
   }
  },
  "/api/v1/notify": {
   "get": {
    "description": "Role operator or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below operator).",
    "operationId": "getNotify",
    "parameters": [
     {
      "description": "",
      "in": "query",
      "name": "state",
      "required": false,
      "schema": {
       "enum": [
        "pending",
        "delivered",
        "dead"
       ],
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "target",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 10000,
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/NotifyView"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Outbound targets with their counts, and recent deliveries (dead letters with state=dead).",
    "x-firewatch-role": "operator"
   }
  },
  "/api/v1/notify/retry": {
   "post": {
    "description": "Role operator or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below operator).",
    "operationId": "postNotifyRetry",
    "parameters": [],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "delivery_ids": {
          "items": {
           "maxLength": 100,
           "minLength": 1,
           "type": "string"
          },
          "maxItems": 100,
          "type": [
           "array",
           "null"
          ]
         },
         "target": {
          "maxLength": 100,
          "type": [
           "string",
           "null"
          ]
         }
        },
        "type": "object"
       }
      }
     },
     "required": false
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "requeued": {
           "type": "integer"
          }
         },
         "required": [
          "requeued"
         ],
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Send dead letters again: all, one target's, or the ones named (operator).",
    "x-firewatch-role": "operator"
   }
  },
  "/api/v1/openapi.json": {
   "get": {
    "description": "No token needed.",
    "operationId": "getOpenapiJson",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "security": [],
    "summary": "This document.",
    "x-firewatch-role": "none"
   }
  },
  "/api/v1/reports": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getReports",
    "parameters": [
     {
      "description": "",
      "in": "query",
      "name": "from",
      "required": true,
      "schema": {
       "format": "date",
       "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "to",
      "required": true,
      "schema": {
       "format": "date",
       "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "level",
      "required": false,
      "schema": {
       "enum": [
        "street",
        "station",
        "community"
       ],
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "street",
      "required": false,
      "schema": {
       "pattern": "^[A-Za-z0-9_.-]{1,64}$",
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "format",
      "required": false,
      "schema": {
       "enum": [
        "json",
        "csv",
        "html"
       ],
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "lang",
      "required": false,
      "schema": {
       "enum": [
        "zh",
        "en"
       ],
       "type": "string"
      }
     },
     {
      "description": "html: the body alone (what /reports shows)",
      "in": "query",
      "name": "fragment",
      "required": false,
      "schema": {
       "enum": [
        "1"
       ],
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "drills": {
           "required": [
            "entries"
           ],
           "type": "object"
          },
          "entries": {
           "items": {
            "required": [
             "id",
             "name",
             "alarms"
            ],
            "type": "object"
           },
           "type": "array"
          },
          "from": {
           "type": "string"
          },
          "level": {
           "enum": [
            "street",
            "station",
            "community"
           ],
           "type": "string"
          },
          "to": {
           "type": "string"
          }
         },
         "required": [
          "from",
          "to",
          "level",
          "entries",
          "drills"
         ],
         "type": "object"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       },
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      },
      "description": "the report"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "The assessment report (督导考核) for a period, compared with the one before: JSON, CSV or stand-alone HTML. from/to are dates (to included) or RFC 3339 times (to excluded); a period ending before it starts is empty, one longer than 400 days is its last 400.",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/stations": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getStations",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "items": {
          "$ref": "#/components/schemas/Station"
         },
         "type": "array"
        }
       }
      },
      "description": "OK",
      "links": {
       "postStationsIdStatus": {
        "operationId": "postStationsIdStatus",
        "parameters": {
         "id": "$response.body#/0/id"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Stations with their open dispatches and street coverage.",
    "x-firewatch-role": "viewer"
   }
  },
  "/api/v1/stations/{id}/status": {
   "post": {
    "description": "Role operator or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below operator).",
    "operationId": "postStationsIdStatus",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "by": {
          "maxLength": 200,
          "type": [
           "string",
           "null"
          ]
         },
         "status": {
          "enum": [
           "available",
           "busy",
           "out_of_service"
          ],
          "type": "string"
         }
        },
        "required": [
         "status"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Station"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Set a station's availability (operator).",
    "x-firewatch-role": "operator"
   }
  },
  "/api/v1/whoami": {
   "get": {
    "description": "Role viewer or higher (Authorization: Bearer TOKEN; 401 without a known token, 403 below viewer).",
    "operationId": "getWhoami",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Caller"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "The caller's name and role.",
    "x-firewatch-role": "viewer"
   }
  },
  "/healthz": {
   "get": {
    "description": "No token needed.",
    "operationId": "getHealthz",
    "responses": {
     "200": {
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "security": [],
    "summary": "The process answers.",
    "x-firewatch-role": "none"
   }
  },
  "/metrics": {
   "get": {
    "description": "No token needed.",
    "operationId": "getMetrics",
    "responses": {
     "200": {
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "security": [],
    "summary": "Prometheus metrics.",
    "x-firewatch-role": "none"
   }
  },
  "/readyz": {
   "get": {
    "description": "No token needed.",
    "operationId": "getReadyz",
    "responses": {
     "200": {
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      },
      "description": "OK"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "503": {
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      },
      "description": "not ready"
     }
    },
    "security": [],
    "summary": "Subscribed at the broker, the store takes writes, HTTP listens (503 with why otherwise).",
    "x-firewatch-role": "none"
   }
  }
 },
 "security": [
  {
   "bearer": []
  }
 ],
 "servers": [
  {
   "url": "/"
  }
 ]
}
"""#
}
