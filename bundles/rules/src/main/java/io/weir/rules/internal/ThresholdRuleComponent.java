package io.weir.rules.internal;

import java.util.List;
import java.util.Objects;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.Site;

/**
 * One configured threshold rule: listens to every batch of readings, feeds its channel's readings to the rule and
 * hands each alarm event to every {@link AlarmListener} service.
 */
@Component(service = ReadingListener.class, configurationPid = ThresholdRuleComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ThresholdRuleConfig.class, factory = true)
public final class ThresholdRuleComponent implements ReadingListener {

    static final String PID = "io.weir.rules.threshold";

    private static final Logger LOG = LoggerFactory.getLogger(ThresholdRuleComponent.class);

    private final ThresholdRule rule;
    private final Site site;
    private final AlarmListeners listeners = new AlarmListeners();
    private final Object lock = new Object();

    @Activate
    public ThresholdRuleComponent(ThresholdRuleConfig config, @Reference(name = "site") Site site) {
        this(ThresholdRuleSpec.from(config), site, new EpochMillisOccurrences());
    }

    ThresholdRuleComponent(ThresholdRuleSpec spec, Site site, OccurrenceNumbers occurrences) {
        this.rule = new ThresholdRule(spec, occurrences);
        this.site = Objects.requireNonNull(site, "site");
        LOG.info("rule {}: watching {} {} {} (hysteresis {})", spec.ruleId(), spec.channel(), spec.direction(),
                spec.thresholds(), spec.hysteresis());
    }

    /**
     * Readings may arrive from several acquisition threads at once; the lock keeps one rule's events in order
     * and delivers them on the caller's thread, so a persisting listener has stored the event before the next.
     */
    @Override
    public void onReadings(List<Reading> readings) {
        String channel = rule.spec().channel();
        for (Reading reading : readings) {
            if (reading.channel().equals(channel)) {
                synchronized (lock) {
                    rule.apply(reading, site.info()).ifPresent(this::publish);
                }
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeAlarmListener")
    void addAlarmListener(AlarmListener listener) {
        listeners.add(listener);
    }

    void removeAlarmListener(AlarmListener listener) {
        listeners.remove(listener);
    }

    private void publish(AlarmEvent event) {
        ThresholdRuleSpec spec = rule.spec();
        LOG.info("rule {}: alarm {} {} {} at {} {} (threshold {} {})", spec.ruleId(), event.alarmId(),
                event.transition(), event.level(), event.value(), spec.unit(), event.threshold(), spec.unit());
        listeners.deliver(event);
    }
}
