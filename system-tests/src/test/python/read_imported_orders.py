#!/usr/bin/python3
"""A downstream analytics consumer written without any checkout-relay code.

Reads crm.order.imported.v1 with Debian's python3-confluent-kafka and python3-avro, fetching
schemas through the registry's Confluent-compatible API, and prints the record of one checkout as
JSON. Usage: read_imported_orders.py BOOTSTRAP CCOMPAT_URL TOPIC CHECKOUT_ID
"""
import json
import sys
import time
import uuid

from confluent_kafka import Consumer
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

bootstrap, registry_url, topic, checkout_id = sys.argv[1:5]
serializer = MessageSerializer(CachedSchemaRegistryClient({"url": registry_url}))
consumer = Consumer({
    "bootstrap.servers": bootstrap,
    "group.id": "python-analytics-" + str(uuid.uuid4()),
    "auto.offset.reset": "earliest",
    "enable.auto.commit": False,
})
consumer.subscribe([topic])
deadline = time.time() + 60
try:
    while time.time() < deadline:
        message = consumer.poll(1.0)
        if message is None or message.error():
            continue
        value = serializer.decode_message(message.value())
        if value["checkoutId"] == checkout_id:
            print(json.dumps({"key": message.key().decode("utf-8"), "value": value}, default=str))
            sys.exit(0)
finally:
    consumer.close()
print("no record of checkout " + checkout_id + " on " + topic, file=sys.stderr)
sys.exit(1)
