package io.weir.simulator.field;

import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;

/**
 * The holding-register maps of the simulated devices. Only registers that exist are added: j2mod's
 * SimpleProcessImage then answers ILLEGAL DATA ADDRESS for any other address and for a block read across a hole,
 * as the real devices do.
 */
final class RegisterMaps {

    private RegisterMaps() {
    }

    static SimpleProcessImage radar(int unitId, RadarLevelGauge gauge) {
        SimpleProcessImage image = new SimpleProcessImage(unitId);
        image.addRegister(RadarLevelGauge.AIR_GAP_MM, ModelRegister.readOnly(gauge::airGapMm));
        image.addRegister(RadarLevelGauge.WATER_LEVEL_MM, ModelRegister.readOnly(gauge::waterLevelMm));
        image.addRegister(RadarLevelGauge.INSTALLATION_HEIGHT_CM,
                ModelRegister.readWrite(gauge::installationHeightCm, gauge::configureInstallationHeightCm));
        image.addRegister(RadarLevelGauge.DEVICE_ADDRESS, ModelRegister.readOnly(gauge::deviceAddress));
        image.addRegister(RadarLevelGauge.RANGE_M, ModelRegister.readOnly(gauge::rangeM));
        return image;
    }

    static SimpleProcessImage rainGauge(int unitId, TippingBucketRainGauge gauge) {
        SimpleProcessImage image = new SimpleProcessImage(unitId);
        image.addRegister(TippingBucketRainGauge.TIP_COUNTER,
                ModelRegister.readWrite(gauge::tipCounter, gauge::setTipCounter));
        return image;
    }
}
