"""A Modbus slave on pymodbus (Debian's python3-pymodbus 3.0), for Weir's interop tests.

Usage: pymodbus_slave.py tcp            -> serves Modbus TCP on a free loopback port
       pymodbus_slave.py rtu <port>     -> serves Modbus RTU on a serial port (9600 8N1)
Prints "READY <port>" (tcp) or "READY" (rtu) on stdout once it serves, then runs until killed.

Unit 1's map is built here with Python's struct module, independently of Weir's decoder. Holding registers
(zero-based):
  0      int16    -1234
  1      uint16   4380            (a level in mm)
  2-3    int32    -123456789      ABCD
  4-5    float32  3.14159         CDAB
  6-7    uint32   3000000000      DCBA
  8-9    float32  -2.5            BADC
  10     (a hole: any read that touches it is refused with ILLEGAL DATA ADDRESS)
  11-14  float64  12345.678       ABCD
  15-17  string   "WL-07"         (NUL-padded)
  18     uint16   100             (a set point in cm, written by the test)
Input registers 0-1: float32 21.5 ABCD. Coils 0-3: 1 0 1 1.
"""
import asyncio
import logging
import struct
import sys

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext,
                                ModbusSparseDataBlock)
from pymodbus.server.async_io import ModbusSerialServer, ModbusTcpServer
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer


def words(packed, order):
    """The registers of big-endian bytes A B C D ... in a Modbus word order (32 or 64 bits)."""
    pairs = [packed[i:i + 2] for i in range(0, len(packed), 2)]
    if order in ("CDAB", "DCBA"):
        pairs.reverse()
    if order in ("BADC", "DCBA"):
        pairs = [p[::-1] for p in pairs]
    return [struct.unpack(">H", p)[0] for p in pairs]


def unit_one():
    low = []
    low += words(struct.pack(">h", -1234), "ABCD")
    low += [4380]
    low += words(struct.pack(">i", -123456789), "ABCD")
    low += words(struct.pack(">f", 3.14159), "CDAB")
    low += words(struct.pack(">I", 3000000000), "DCBA")
    low += words(struct.pack(">f", -2.5), "BADC")
    high = words(struct.pack(">d", 12345.678), "ABCD")
    high += [struct.unpack(">H", b)[0] for b in (b"WL", b"-0", b"7\x00")]
    high += [100]
    return ModbusSlaveContext(
        hr=ModbusSparseDataBlock({0: low, 11: high}),
        ir=ModbusSequentialDataBlock(0, words(struct.pack(">f", 21.5), "ABCD")),
        co=ModbusSequentialDataBlock(0, [True, False, True, True]),
        di=ModbusSequentialDataBlock(0, [False] * 8),
        zero_mode=True)


async def main():
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    context = ModbusServerContext(slaves={1: unit_one()}, single=False)
    if sys.argv[1] == "tcp":
        server = ModbusTcpServer(context, ModbusSocketFramer, None, ("127.0.0.1", 0))
        serving = asyncio.create_task(server.serve_forever())
        await server.serving
        print("READY", server.server.sockets[0].getsockname()[1], flush=True)
        await serving
    else:
        server = ModbusSerialServer(context, ModbusRtuFramer, port=sys.argv[2], baudrate=9600, bytesize=8,
                                    parity="N", stopbits=1)
        await server.start()
        print("READY", flush=True)
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
