package io.weir.modbus.internal;

import java.util.List;

import io.weir.api.profile.DataType;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

/** Short ways to write test profiles. */
final class Points {

    private Points() {
    }

    static Point holding(String name, int address, DataType type) {
        return new Point(name, 3, address, type, WordOrder.ABCD, 1, 0, "");
    }

    static Point input(String name, int address, DataType type) {
        return new Point(name, 4, address, type, WordOrder.ABCD, 1, 0, "");
    }

    static Point point(String name, int function, int address, DataType type, WordOrder order, double scale,
                       double offset, String unit) {
        return new Point(name, function, address, type, order, scale, offset, unit);
    }

    static DeviceProfile profile(int maxBlockRegisters, int timeoutMillis, Point... points) {
        return new DeviceProfile("test-profile", "Weir", "Test", maxBlockRegisters, timeoutMillis, List.of(points));
    }
}
