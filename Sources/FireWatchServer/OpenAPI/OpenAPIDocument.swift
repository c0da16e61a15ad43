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
 "openapi": "3.0.3",
 "paths": {
  "/api/v1/alarms": {
   "get": {
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
          "type": "object"
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
    "summary": "Alarms, newest first; X-Event-Seq is the stream position they were read at."
   }
  },
  "/api/v1/alarms/{id}": {
   "get": {
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
    "summary": "One alarm."
   }
  },
  "/api/v1/alarms/{id}/acknowledge": {
   "post": {
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
          "type": "string"
         },
         "note": {
          "maxLength": 1000,
          "type": "string"
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
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Acknowledge an alarm (operator)."
   }
  },
  "/api/v1/alarms/{id}/cap": {
   "get": {
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
    "summary": "The alarm as a CAP 1.2 alert."
   }
  },
  "/api/v1/alarms/{id}/confirm": {
   "post": {
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
          "type": "string"
         },
         "note": {
          "maxLength": 1000,
          "type": "string"
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
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Confirm a fire (operator)."
   }
  },
  "/api/v1/alarms/{id}/dispatches": {
   "get": {
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
          "type": "object"
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
    "summary": "The pages sent for an alarm, with why."
   }
  },
  "/api/v1/alarms/{id}/resolve": {
   "post": {
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
          "type": "string"
         },
         "cause": {
          "enum": [
           "fire",
           "false_alarm",
           "test",
           "nuisance",
           "device_fault"
          ],
          "type": "string"
         },
         "note": {
          "maxLength": 1000,
          "type": "string"
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
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Resolve an alarm with its cause (operator)."
   }
  },
  "/api/v1/devices": {
   "get": {
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
          "type": "object"
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
    "summary": "Registered devices."
   }
  },
  "/api/v1/devices/{id}": {
   "get": {
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
    "summary": "One registered device."
   }
  },
  "/api/v1/devices/{id}/suppress": {
   "post": {
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
          "type": "string"
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
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Record a device's alarms without dispatching them for a while (operator)."
   }
  },
  "/api/v1/events": {
   "get": {
    "operationId": "getEvents",
    "parameters": [
     {
      "description": "",
      "in": "query",
      "name": "after",
      "required": false,
      "schema": {
       "minimum": 0,
       "type": "integer"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "since",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "",
      "in": "query",
      "name": "last",
      "required": false,
      "schema": {
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
     }
    ],
    "responses": {
     "200": {
      "content": {
       "text/event-stream": {
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
    "summary": "The operator stream (Server-Sent Events); ?token= is accepted here only."
   }
  },
  "/api/v1/hazard-index": {
   "get": {
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
        "community"
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
          "type": "object"
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
    "summary": "The community hazard index (社区安全隐患指数)."
   }
  },
  "/api/v1/hazards": {
   "get": {
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
          "type": "object"
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
    "summary": "Hazards (隐患)."
   }
  },
  "/api/v1/hazards/{id}/close": {
   "post": {
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
         "by": {
          "maxLength": 200,
          "type": "string"
         },
         "note": {
          "maxLength": 1000,
          "type": "string"
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
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Verify a hazard closed (operator)."
   }
  },
  "/api/v1/hazards/{id}/rectify": {
   "post": {
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
         "by": {
          "maxLength": 200,
          "type": "string"
         },
         "note": {
          "maxLength": 1000,
          "type": "string"
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
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Report a hazard fixed (operator)."
   }
  },
  "/api/v1/openapi.json": {
   "get": {
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
    "summary": "This document."
   }
  },
  "/api/v1/stations": {
   "get": {
    "operationId": "getStations",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "items": {
          "type": "object"
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
    "summary": "Stations with their open dispatches and street coverage."
   }
  },
  "/api/v1/stations/{id}/status": {
   "post": {
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
          "type": "string"
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
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "501": {
      "$ref": "#/components/responses/Error"
     }
    },
    "summary": "Set a station's availability (operator)."
   }
  },
  "/api/v1/whoami": {
   "get": {
    "operationId": "getWhoami",
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
    "summary": "The caller's name and role."
   }
  },
  "/healthz": {
   "get": {
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
    "summary": "The process answers."
   }
  },
  "/metrics": {
   "get": {
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
    "summary": "Prometheus metrics."
   }
  },
  "/readyz": {
   "get": {
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
    "summary": "Subscribed at the broker, the store takes writes, HTTP listens (503 with why otherwise)."
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
