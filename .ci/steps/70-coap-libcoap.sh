#!/usr/bin/env bash
# CoAP over DTLS with a pre-shared key against libcoap's coap-client: required here, so a missing libcoap fails
# instead of skipping.
set -euo pipefail
mvn -B -q -pl bundles/coap -am test -Dweir.libcoap=required -Dtest=LibcoapClientTest -Dsurefire.failIfNoSpecifiedTests=false
echo "coap libcoap interop: passed"
