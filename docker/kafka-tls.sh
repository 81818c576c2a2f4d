#!/bin/sh
# One-shot before the compose broker starts: its TLS key (a self-signed certificate for the name "kafka")
# and the truststore the services and the admin client check it with, made once into the kafka-tls volume,
# never committed; and the admin client's properties for the broker's healthcheck and the ACL bootstrap.
# Needs KAFKA_TLS_PASSWORD and KAFKA_ADMIN_PASSWORD (required by docker-compose.yml; no defaults).
# To use a certificate of your own CA instead, put keystore.p12 and truststore.p12 into the volume first.
set -eu
dir=/etc/flashback/kafka-tls
: "${KAFKA_TLS_PASSWORD:?}" "${KAFKA_ADMIN_PASSWORD:?}"
if [ ! -f "$dir/keystore.p12" ]; then
  keytool -genkeypair -alias kafka -keyalg EC -groupname secp256r1 -validity 825 -dname CN=kafka \
    -ext SAN=dns:kafka,dns:localhost -keystore "$dir/keystore.p12" -storetype PKCS12 -storepass "$KAFKA_TLS_PASSWORD"
  keytool -exportcert -alias kafka -keystore "$dir/keystore.p12" -storepass "$KAFKA_TLS_PASSWORD" -rfc -file "$dir/kafka.crt"
  keytool -importcert -noprompt -alias kafka -file "$dir/kafka.crt" -keystore "$dir/truststore.p12" -storetype PKCS12 \
    -storepass "$KAFKA_TLS_PASSWORD"
fi
cat > "$dir/admin.properties" <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
ssl.truststore.location=$dir/truststore.p12
ssl.truststore.type=PKCS12
ssl.truststore.password=$KAFKA_TLS_PASSWORD
PROPERTIES
# the broker and the services (other users) read the stores, whose password they are given; only the broker's
# own user (the apache/kafka image runs as uid 1000) reads the admin file
chmod 644 "$dir/keystore.p12" "$dir/truststore.p12"
chown 1000 "$dir/admin.properties"
chmod 600 "$dir/admin.properties"
