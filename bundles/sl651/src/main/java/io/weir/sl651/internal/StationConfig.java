package io.weir.sl651.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One station the centre takes reports from (factory PID {@value StationComponent#PID}). */
@ObjectClassDefinition(name = "Weir SL 651 station", description = "An RTU registered with the SL 651 centre")
public @interface StationConfig {

    @AttributeDefinition(name = "Station code", description = "The 10-digit station address")
    String stationCode();

    @AttributeDefinition(name = "Password", description = "4 hexadecimal digits; private, never shown")
    String _password();
}
