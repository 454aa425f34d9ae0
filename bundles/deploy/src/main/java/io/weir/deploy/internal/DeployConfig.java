package io.weir.deploy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Weir deploy agent",
        description = "Installs signed deployment packages pushed by operations, checks their health and rolls back")
@interface DeployConfig {

    @AttributeDefinition(name = "Trust store", description = "PKCS12 or JKS store whose trusted certificates may sign "
            + "packages; used when no directory of trusted certificates is set")
    String trustStore() default "";

    @AttributeDefinition(name = "Trust store password", type = AttributeType.PASSWORD)
    String _trustStorePassword() default "";

    @AttributeDefinition(name = "Trusted certificates directory", description = "Directory of certificates "
            + "(*.pem, *.crt, *.cer, *.der) whose keys may sign packages; takes precedence over the trust store. "
            + "With neither set, every package is refused.")
    String trustedCertificates() default "";

    @AttributeDefinition(name = "HTTPS trust store", description = "PKCS12 or JKS store of the CAs that sign the "
            + "package servers' certificates; empty for the JVM's default CAs")
    String httpsTrustStore() default "";

    @AttributeDefinition(name = "HTTPS trust store password", type = AttributeType.PASSWORD)
    String _httpsTrustStorePassword() default "";

    @AttributeDefinition(name = "Work directory", description = "Downloads, kept packages and the job file; empty "
            + "means deploy/ in the directory named by the framework property weir.data.dir (default: data)")
    String workDir() default "";

    @AttributeDefinition(name = "Health check timeout (s)", min = "1", max = "3600",
            description = "How long the expected components may take to become active or satisfied after an "
                    + "install before the agent rolls back")
    int healthTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Expected components", description = "DS component names that must be active or "
            + "satisfied after every install, besides those a package names in Weir-Expected-Components")
    String[] expectedComponents() default {};

    @AttributeDefinition(name = "Download timeout (s)", min = "1", max = "3600",
            description = "Connect timeout, and the longest a download may stall")
    int downloadTimeoutSeconds() default 30;
}
