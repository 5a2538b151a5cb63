#!/usr/bin/python3
"""An analytics consumer of crm.order.imported.v1, written with no checkout-relay code.

Debian's python3-confluent-kafka and python3-avro; schemas come from the registry's
Confluent-compatible API (ccompat). Prints one line per imported order or upsell; runs until stopped.

Usage: consume_imported.py BOOTSTRAP_SERVERS CCOMPAT_URL [GROUP_ID]
  CCOMPAT_URL: the registry's Confluent-compatible API, e.g. http://localhost:8081/apis/ccompat/v7
"""
import datetime
import sys

from confluent_kafka import Consumer
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer


def describe(imported):
    """One line per record. Money fields (decimal(12,2)) arrive as decimal.Decimal, never float."""
    items = ", ".join("%s x%s @ %s" % (item["productId"], item["quantity"], item["price"])
                      for item in imported["items"])
    imported_at = imported["importedAt"]  # timestamp-millis: a timezone-aware datetime
    if isinstance(imported_at, int):
        imported_at = datetime.datetime.fromtimestamp(imported_at / 1000, datetime.timezone.utc)
    fields = [
        ("checkoutId", imported["checkoutId"]),
        ("kind", imported["kind"]),
        ("attempt", imported["attempt"]),
        ("upsellId", imported["upsellId"]),
        ("crmOrderId", imported["crmOrderId"]),
        ("crmCustomerId", imported["crmCustomerId"]),
        ("campaignId", imported["campaignId"]),
        ("amazonOrderReferenceId", imported["amazonOrderReferenceId"]),
        ("crmOrderStatus", imported["crmOrderStatus"]),
        ("items", "[" + items + "]"),
        ("totalAmount", imported["totalAmount"]),
        ("currencySymbol", imported["currencySymbol"]),
        ("settledByQuery", str(imported["settledByQuery"]).lower()),
        ("importedAt", imported_at.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"),
    ]
    return " ".join("%s=%s" % (name, "null" if value is None else value) for name, value in fields)


def main(argv):
    if len(argv) < 3:
        print("usage: consume_imported.py BOOTSTRAP_SERVERS CCOMPAT_URL [GROUP_ID]", file=sys.stderr)
        return 2
    bootstrap, ccompat_url = argv[1], argv[2]
    group_id = argv[3] if len(argv) > 3 else "analytics-imported-orders"
    # values are in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary)
    serializer = MessageSerializer(CachedSchemaRegistryClient({"url": ccompat_url}))
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": group_id,
        # only records of committed transactions: exactly one result per checkout attempt
        "isolation.level": "read_committed",
        "auto.offset.reset": "earliest",
    })
    consumer.subscribe(["crm.order.imported.v1"])
    try:
        while True:
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                print("consumer error: %s" % message.error(), file=sys.stderr)
                continue
            print(describe(serializer.decode_message(message.value())), flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
