#ifndef FIREWATCH_CMOSQUITTO_SHIM_H
#define FIREWATCH_CMOSQUITTO_SHIM_H
#include <mosquitto.h>
#include <mqtt_protocol.h>
#endif
