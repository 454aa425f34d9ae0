package io.weir.uplink.internal;

/**
 * How an ssl:// connection is secured; empty strings mean "not configured".
 *
 * @param caFile             PEM file of the CA certificate(s) that sign the broker's certificate
 * @param trustStore         a PKCS12 or JKS trust store, used when no CA file is given
 * @param trustStorePassword its password
 * @param keyStore           a PKCS12 or JKS key store with the gateway's client certificate and key; empty for none
 * @param keyStorePassword   its password (also the key's)
 */
record TlsOptions(String caFile, String trustStore, char[] trustStorePassword, String keyStore,
                  char[] keyStorePassword) {

    static final TlsOptions NONE = new TlsOptions("", "", new char[0], "", new char[0]);

    @Override
    public String toString() {
        return "TlsOptions[caFile=" + caFile + ", trustStore=" + trustStore + ", keyStore=" + keyStore + "]";
    }
}
