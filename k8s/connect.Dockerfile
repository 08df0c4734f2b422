FROM quay.io/strimzi/kafka:0.48.0-kafka-4.1.0
COPY connectors/target/connect-plugin/ /opt/kafka/plugins/ccpairs-announcer/
