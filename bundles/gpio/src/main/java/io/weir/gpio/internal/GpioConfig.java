package io.weir.gpio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The GPIO header (PID io.weir.gpio). */
@ObjectClassDefinition(name = "Weir GPIO", description = "Which driver the GPIO pins use")
public @interface GpioConfig {

    @AttributeDefinition(name = "Provider", options = {
            @Option(label = "Mock pins in memory (no GPIO hardware)", value = "MOCK"),
            @Option(label = "Linux GPIO character device (libgpiod), e.g. a Raspberry Pi", value = "GPIOD")},
            required = false)
    String provider() default "MOCK";
}
