#ifndef FIREWATCH_CMOSQUITTO_SHIM_H
#define FIREWATCH_CMOSQUITTO_SHIM_H
#include <mosquitto.h>
#include <mqtt_protocol.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * libmosquitto 2.0 hands the message callback a pointer to the `msg` member of its private
 * `struct mosquitto_message_all`, whose `dup` field holds the PUBLISH header's DUP flag (set by
 * handle__publish). The public struct mosquitto_message has no dup field and 2.0 has no accessor,
 * so FireWatch mirrors the 2.0.x private layout here. fw_message_dup is only used when
 * mosquitto_lib_version reports 2.0.x; a test checks it against a real redelivery.
 */
struct fw_mosquitto_message_all_2_0 {
    void *next;
    void *prev;
    void *properties;
    time_t timestamp;
    int state;
    bool dup;
    struct mosquitto_message msg;
    uint32_t expiry_interval;
};

static inline bool fw_message_dup_2_0(const struct mosquitto_message *message) {
    const char *base = (const char *)message - offsetof(struct fw_mosquitto_message_all_2_0, msg);
    return ((const struct fw_mosquitto_message_all_2_0 *)base)->dup;
}

#endif
