package com.nexussaude.monitor.spring.boot;

import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.micrometer.VitalMonitorMetrics;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.escalation.RecipientResolver;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configures a {@link VitalMonitor} from {@link NexusMonitorProperties} ({@code nexus.monitor.*}),
 * unless the application defines its own or sets {@code nexus.monitor.enabled=false}.
 *
 * <ul>
 *   <li>Paging goes through the {@link NotificationChannel} beans and the standard channels configured
 *       under {@code nexus.monitor.channels}; escalation targets are resolved by a
 *       {@link RecipientResolver} bean if there is one, else by the roster under
 *       {@code nexus.monitor.paging.escalation}.</li>
 *   <li>With Micrometer and {@code nexus-monitor-micrometer} on the classpath, a {@link VitalMonitorMetrics}
 *       bean (a {@code MeterBinder}, which Boot binds to its registries) observes the monitor.</li>
 *   <li>With Boot's health support on the classpath, a {@code nexusMonitor} health indicator reports
 *       whether the monitor can keep its record (the journal), never the patients' condition.</li>
 *   <li>{@link VitalMonitorCustomizer} beans adjust what the properties cannot say.</li>
 * </ul>
 *
 * @since 0.4
 */
@AutoConfiguration
@ConditionalOnClass(VitalMonitor.class)
@ConditionalOnProperty(prefix = "nexus.monitor", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(NexusMonitorProperties.class)
public class NexusMonitorAutoConfiguration {

    /** Used by Spring. */
    public NexusMonitorAutoConfiguration() {
    }

    /**
     * The monitor, closed with the context.
     *
     * @param properties  {@code nexus.monitor.*}
     * @param resources   resolves rule and policy locations
     * @param channels    the application's channels
     * @param resolver    the application's recipient resolver, if any
     * @param customizers the application's customizers, in order
     * @return the monitor
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public VitalMonitor vitalMonitor(NexusMonitorProperties properties, ResourceLoader resources,
                                     ObjectProvider<NotificationChannel> channels, ObjectProvider<RecipientResolver> resolver,
                                     ObjectProvider<VitalMonitorCustomizer> customizers) {
        return new MonitorFactory(properties, resources).build(channels.orderedStream().toList(), resolver.getIfUnique(),
                customizers.orderedStream().toList());
    }

    /** The Micrometer meters, when Micrometer and nexus-monitor-micrometer are present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, VitalMonitorMetrics.class})
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        VitalMonitorMetrics vitalMonitorMetrics(NexusMonitorProperties properties) {
            VitalMonitorMetrics metrics = VitalMonitorMetrics.create();
            return properties.getClock() == NexusMonitorProperties.ClockKind.LIVE ? metrics.liveClock() : metrics;
        }

        @Bean
        VitalMonitorCustomizer vitalMonitorMetricsCustomizer(VitalMonitorMetrics metrics) {
            return new MetricsCustomizer(metrics);
        }
    }

    /** The health indicator, when Boot's health support is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {
        // No @ConditionalOnBean(VitalMonitor): this nested class is read before the monitor's bean method,
        // and the auto-configuration runs only when there is a monitor (the starter's or the host's).
        @Bean
        @ConditionalOnMissingBean(name = "nexusMonitorHealthIndicator")
        VitalMonitorHealthIndicator nexusMonitorHealthIndicator(VitalMonitor monitor) {
            return new VitalMonitorHealthIndicator(monitor);
        }
    }
}
