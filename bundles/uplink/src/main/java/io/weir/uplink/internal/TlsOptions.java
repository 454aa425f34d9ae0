package io.weir.uplink.internal;

/**
 * How an ssl:// connection is secured; empty strings mean "not configured".
 *
 * @param caFile             PEM file of the CA certificate(s) that sign the broker's certificate, trusted alone
 * @param trustStore         a PKCS12 or JKS trust store, used when no CA file is given
 * @param trustStorePassword its password
 * @param keyStore           a PKCS12 or JKS key store with the gateway's client certificate and key; empty for none
 * @param keyStorePassword   its password (also the key's)
 * @param certFile           PEM file of the gateway's client certificate and its chain; with keyFile, wins over the
 *                           key store
 * @param keyFile            PEM file (PKCS#8) of its private key, a secret file
 */
record TlsOptions(String caFile, String trustStore, char[] trustStorePassword, String keyStore,
                  char[] keyStorePassword, String certFile, String keyFile) {

    static final TlsOptions NONE = new TlsOptions("", "", new char[0], "", new char[0]);

    /** With the client's identity in a key store, or none. */
    TlsOptions(String caFile, String trustStore, char[] trustStorePassword, String keyStore, char[] keyStorePassword) {
        this(caFile, trustStore, trustStorePassword, keyStore, keyStorePassword, "", "");
    }

    @Override
    public String toString() {
        return "TlsOptions[caFile=" + caFile + ", trustStore=" + trustStore + ", keyStore=" + keyStore + ", certFile="
                + certFile + ", keyFile=" + keyFile + "]";
    }
}
