package io.weir.modbus.internal;

import io.weir.api.profile.DeviceProfile;

/** Opens the link to a device; the component uses Modbus TCP, tests substitute their own. */
@FunctionalInterface
interface TransportFactory {
    ModbusTransport open(DeviceOptions options, DeviceProfile profile);
}
