package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

import io.weir.api.SiteInfo;

class SiteComponentTest {

    @Test
    void servesTheConfiguredSite() {
        var component = new SiteComponent(config("gw-yx-001", 30.2741));

        assertThat(component.info()).isEqualTo(new SiteInfo("gw-yx-001", "62001200", "Yuxi River Station", 30.2741,
                120.1551));
    }

    @Test
    void refusesAnInvalidHandMadeConfiguration() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SiteComponent(config("gw 1", 30)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SiteComponent(config("gw-1", 91)));
    }

    private static SiteConfig config(String gatewayId, double latitude) {
        return new SiteConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SiteConfig.class;
            }

            @Override
            public String gatewayId() {
                return gatewayId;
            }

            @Override
            public String stationCode() {
                return "62001200";
            }

            @Override
            public String name() {
                return "Yuxi River Station";
            }

            @Override
            public double latitude() {
                return latitude;
            }

            @Override
            public double longitude() {
                return 120.1551;
            }
        };
    }
}
