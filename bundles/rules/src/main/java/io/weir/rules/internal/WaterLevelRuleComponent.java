package io.weir.rules.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.weir.api.AlarmLevel;

/** One configured water-level rule: a threshold rule whose thresholds come from the station's levels. */
@Component(service = {}, configurationPid = WaterLevelRuleComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WaterLevelRuleConfig.class, factory = true)
public final class WaterLevelRuleComponent {

    static final String PID = "io.weir.rules.waterlevel";

    private final RuleEngine engine;
    private final ThresholdRule rule;

    @Activate
    public WaterLevelRuleComponent(WaterLevelRuleConfig config,
                                   @Reference(name = "engine") RuleEngineComponent engine) {
        this(config, engine.engine());
    }

    WaterLevelRuleComponent(WaterLevelRuleConfig config, RuleEngine engine) {
        this.engine = engine;
        this.rule = new ThresholdRule("waterlevel", spec(config), engine.occurrences());
        engine.register(rule);
    }

    static ThresholdRuleSpec spec(WaterLevelRuleConfig config) {
        String ruleId = config.ruleId();
        var levels = new EnumMap<StationLevels.Level, Double>(StationLevels.Level.class);
        levels.put(StationLevels.Level.WARNING, config.warningLevel());
        levels.put(StationLevels.Level.GUARANTEED, config.guaranteedLevel());
        levels.put(StationLevels.Level.FLOOD_LIMIT, config.floodLimitLevel());
        levels.put(StationLevels.Level.NORMAL_POOL, config.normalPoolLevel());
        levels.put(StationLevels.Level.DEAD, config.deadLevel());
        levels.put(StationLevels.Level.DESIGN_FLOOD, config.designFloodLevel());
        levels.put(StationLevels.Level.CHECK_FLOOD, config.checkFloodLevel());
        levels.put(StationLevels.Level.PUMP_INTAKE, config.pumpIntakeLevel());
        var station = new StationLevels(config.datum(), levels);
        String[] expressions = {config.blue(), config.yellow(), config.orange(), config.red()};
        var seasons = new ArrayList<ThresholdRuleSpec.Season>();
        for (String entry : config.floodLimitSchedule()) {
            FloodSeason season = FloodSeason.parse(ruleId, entry);
            seasons.add(new ThresholdRuleSpec.Season(season.from(), season.to(),
                    thresholds(station.with(StationLevels.Level.FLOOD_LIMIT, season.level()), expressions, ruleId,
                            false)));
        }
        StationLevels outside = station;
        if (!seasons.isEmpty() && Double.isNaN(config.floodLimitLevel())) {
            // outside the flood seasons a reservoir may fill to its normal pool level (NaN: no such level then)
            outside = station.with(StationLevels.Level.FLOOD_LIMIT, config.normalPoolLevel());
        }
        Map<AlarmLevel, Double> thresholds = thresholds(outside, expressions, ruleId, !seasons.isEmpty());
        return new ThresholdRuleSpec(ruleId, config.channel(), ThresholdRuleSpec.direction(ruleId,
                config.direction()), thresholds, config.hysteresis(), config.unit(),
                ThresholdRuleSpec.debounce(ruleId, config.raiseAfterSeconds(), config.clearAfterSeconds(),
                        config.minHoldSeconds()), seasons, ZoneId.of(config.zone()),
                ThresholdRuleSpec.staleAfter(ruleId, config.staleAfterSeconds()));
    }

    /**
     * @param offSeason true outside the flood seasons: a level naming the flood-limit level the station has no
     *                  value for then is simply not alarmed
     */
    private static Map<AlarmLevel, Double> thresholds(StationLevels station, String[] expressions, String ruleId,
                                                      boolean offSeason) {
        Map<AlarmLevel, Double> thresholds = new EnumMap<>(AlarmLevel.class);
        AlarmLevel[] levels = {AlarmLevel.BLUE, AlarmLevel.YELLOW, AlarmLevel.ORANGE, AlarmLevel.RED};
        for (int i = 0; i < levels.length; i++) {
            String expression = expressions[i];
            if (expression == null || expression.isBlank()) {
                continue;
            }
            if (offSeason && StationLevels.names(expression, StationLevels.Level.FLOOD_LIMIT)
                    && !station.levels().containsKey(StationLevels.Level.FLOOD_LIMIT)) {
                continue;
            }
            try {
                thresholds.put(levels[i], station.resolve(expression));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule " + ruleId + ": " + levels[i] + ": " + e.getMessage(), e);
            }
        }
        return thresholds;
    }

    @Deactivate
    void deactivate() {
        engine.unregister(rule);
    }
}
