package io.weir.sl651.internal;

import java.lang.annotation.Annotation;
import java.util.List;

/** The station-side configuration the tests use: station 0062001200 (river), water level as Z, rain increments. */
final class ReporterConfigs {

    static final String STATION = "0062001200";
    static final String RAIN = "62001200/rain-pulse/rain";
    static final String LEVEL = "62001200/radar-1/water_level";

    private ReporterConfigs() {
    }

    static ReporterConfig of(List<String> centres) {
        return new ReporterConfig() {
            public String stationCode() { return STATION; }
            public String _password() { return "1234"; }
            public int stationType() { return 0x48; }
            public String[] centres() { return centres.toArray(String[]::new); }
            public String[] elements() { return new String[] {"Z=" + LEVEL}; }
            public String rainChannel() { return RAIN; }
            public int timedMinutes() { return 60; }
            public boolean added() { return true; }
            public int keepAliveSeconds() { return 60; }
            public int historyDays() { return 30; }
            public String zone() { return "Asia/Shanghai"; }
            public Class<? extends Annotation> annotationType() { return ReporterConfig.class; }
        };
    }
}
