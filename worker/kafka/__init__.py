"""The Kafka shell: the only package that imports kafka-python."""
