package io.weir.cloud.internal.protocol;

/** Site metadata carried by births and alarm events; coordinates in WGS 84 degrees. */
public record Site(String stationCode, String name, double latitude, double longitude) {

    static Site read(JsonFields site) throws PayloadException {
        return new Site(
                site.requiredText("stationCode", 64),
                site.requiredText("name", 255),
                site.requiredNumberInRange("latitude", -90, 90),
                site.requiredNumberInRange("longitude", -180, 180));
    }
}
