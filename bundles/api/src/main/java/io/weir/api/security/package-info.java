/**
 * How the gateway's bundles read what secures them, one way everywhere: secret files (passwords, tokens, keys) kept
 * readable by the runtime user only, and PEM files of certificates and keys for TLS. Plain JDK code.
 */
@Export
@Version("1.0.0")
package io.weir.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
