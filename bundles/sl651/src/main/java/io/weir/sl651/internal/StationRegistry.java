package io.weir.sl651.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The stations the site file registers, by code; station components fill it, the centre reads it. */
final class StationRegistry {

    private final ConcurrentMap<String, Station> stations = new ConcurrentHashMap<>();

    void put(Station station) {
        stations.put(station.code(), station);
    }

    void remove(String code) {
        stations.remove(code);
    }

    Optional<Station> find(String code) {
        return Optional.ofNullable(stations.get(code));
    }

    int size() {
        return stations.size();
    }
}
