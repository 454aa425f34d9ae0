package io.weir.meterbus.internal;

import java.util.List;

/**
 * A meter model's profile as the site bundle passes it on (JSON).
 *
 * @param id        profile id
 * @param protocol  DLT645 or CJT188
 * @param meterType CJ/T 188 meter type (e.g. 16 = 10H cold water); 0 for DL/T 645
 * @param points    what to read
 */
record MeterProfile(String id, String protocol, int meterType, List<MeterPoint> points) {

    MeterProfile {
        points = List.copyOf(points);
    }
}
