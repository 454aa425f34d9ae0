package io.weir.simulator.meters;

/** A meter on a simulated RS-485 line: answers the frames addressed to it, ignores the rest. */
public interface SimulatedMeter {

    /**
     * @param frame a whole frame from its start byte 68 to its end byte 16, checksum already verified
     * @return the answer frame (without wake-up bytes), or null when this meter does not answer
     */
    byte[] answer(byte[] frame);
}
