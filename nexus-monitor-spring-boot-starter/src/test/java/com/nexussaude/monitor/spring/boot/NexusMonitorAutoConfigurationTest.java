package com.nexussaude.monitor.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.micrometer.VitalMonitorMetrics;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.testing.RecordingAlertListener;
import com.nexussaude.monitor.testing.RecordingChannel;
import com.nexussaude.monitor.testing.ReplayAssertions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter in real application contexts: real YAML binding, the real engine, a real journal file. */
class NexusMonitorAutoConfigurationTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NexusMonitorAutoConfiguration.class));

    /** What an application adds: its own channel (here one that keeps the pages) and a listener. */
    @Configuration(proxyBeanMethods = false)
    static class Ward {
        @Bean
        RecordingChannel push() {
            return new RecordingChannel("push");
        }

        @Bean
        RecordingAlertListener alerts() {
            return new RecordingAlertListener();
        }

        @Bean
        VitalMonitorCustomizer listenToAlerts(RecordingAlertListener alerts) {
            return new VitalMonitorCustomizer() {
                @Override
                public void customize(VitalMonitor.Builder builder) {
                    builder.listener(alerts).listenerExecutor(Runnable::run);
                }
            };
        }
    }

    ApplicationContextRunner fromYaml(String file) {
        return runner.withUserConfiguration(Ward.class)
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withPropertyValues("spring.config.location=classpath:/" + file);
    }

    @Test
    void theWardsYamlConfiguresBandsPagingAndAJournalThatSurvivesARestart(@TempDir Path dir) {
        Path journal = dir.resolve("journal.jsonl");
        fromYaml("ward.yml").withPropertyValues("nexus.monitor.journal.file=" + journal).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            VitalMonitor monitor = ctx.getBean(VitalMonitor.class);
            monitor.submit(Observation.builder("bed-7", T0).spo2(89).build());

            // 89 is critical only by the ward's bands (critical-low 90), not by the defaults.
            RecordingAlertListener alerts = ctx.getBean(RecordingAlertListener.class);
            ReplayAssertions.assertRaisedBy(alerts, "bed-7", AlertMatcher.rules("threshold").withKeys("SPO2").atLeast(Severity.CRITICAL), T0);
            Notification page = ReplayAssertions.assertPagedToLevelBy(ctx.getBean(RecordingChannel.class).received(), "bed-7", 1, T0);
            assertThat(page.recipient().id()).isEqualTo("ward-7-nurse");
            alerts.assertNoFailures();
        });
        assertThat(journal).isNotEmptyFile();

        fromYaml("ward.yml").withPropertyValues("nexus.monitor.journal.file=" + journal).run(ctx -> {
            assertThat(ctx.getBean(VitalMonitor.class).openAlerts())
                    .singleElement().satisfies(a -> assertThat(a.patientId()).isEqualTo("bed-7"));
        });
    }

    @Test
    void anEscalationFromYamlClimbsThroughTheRosterItDefines() {
        fromYaml("escalating-ward.yml").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            VitalMonitor monitor = ctx.getBean(VitalMonitor.class);
            for (int s = 0; s <= 130; s += 10) {
                monitor.submit(Observation.builder("bed-2", T0.plusSeconds(s)).spo2(84).build());
            }
            List<Notification> pages = ctx.getBean(RecordingChannel.class).received();
            assertThat(pages).extracting(n -> "L" + n.escalationLevel() + " " + n.recipient().id())
                    .containsExactly("L1 bedside-nurse", "L2 charge-nurse");
        });
    }

    @Test
    void theMetersAndTheHealthIndicatorComeWithTheMonitor() {
        runner.withPropertyValues("nexus.monitor.clock=event-time", "nexus.monitor.packs=threshold").run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(VitalMonitor.class).hasSingleBean(VitalMonitorMetrics.class);
            MeterRegistry registry = new SimpleMeterRegistry();
            ctx.getBean(VitalMonitorMetrics.class).bindTo(registry);
            ctx.getBean(VitalMonitor.class).submit(Observation.builder("bed-1", T0).spo2(84).build());
            ctx.getBean(VitalMonitor.class).close(); // delivers the listener's events
            assertThat(registry.find("nexus.monitor.alerts").functionCounters())
                    .anySatisfy(c -> assertThat(c.count()).isEqualTo(1.0));

            HealthIndicator health = ctx.getBean("nexusMonitorHealthIndicator", HealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("journalHealthy", true).containsKey("monitoredPatients");
        });
    }

    @Test
    void withoutMicrometerOrHealthSupportTheMonitorStillComes() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class, HealthIndicator.class))
                .withPropertyValues("nexus.monitor.clock=event-time").run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(VitalMonitor.class)
                            .doesNotHaveBean(VitalMonitorMetrics.class).doesNotHaveBean("nexusMonitorHealthIndicator");
                });
    }

    @Test
    void anApplicationsOwnMonitorOrEnabledFalseBacksOff() {
        runner.withPropertyValues("nexus.monitor.enabled=false").run(ctx -> assertThat(ctx).doesNotHaveBean(VitalMonitor.class));
        runner.withBean("hostMonitor", VitalMonitor.class, () -> VitalMonitor.builder().build()).run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(VitalMonitor.class);
            assertThat(ctx).getBean("hostMonitor").isSameAs(ctx.getBean(VitalMonitor.class));
        });
    }

    @Test
    void invalidPropertiesFailStartupNamingTheProperty() {
        assertFailsNaming("nexus.monitor.packs", "unknown pack 'threshhold'", "nexus.monitor.packs=threshhold");
        assertFailsNaming("nexus.monitor.bands.spo2", "bands must nest",
                "nexus.monitor.bands.spo2.normal-low=80", "nexus.monitor.bands.spo2.normal-high=100",
                "nexus.monitor.bands.spo2.warning-low=92", "nexus.monitor.bands.spo2.warning-high=100",
                "nexus.monitor.bands.spo2.critical-low=90", "nexus.monitor.bands.spo2.critical-high=100");
        assertFailsNaming("nexus.monitor.bands.spo2", "missing normal-high, warning-low, warning-high, critical-low, critical-high",
                "nexus.monitor.bands.spo2.normal-low=96");
        assertFailsNaming("nexus.monitor.bands.pulse", "vital must be one of", "nexus.monitor.bands.pulse.normal-low=60");
        assertFailsNaming("nexus.monitor.pakcs", "", "nexus.monitor.pakcs=threshold");
        assertFailsNaming("nexus.monitor.clock", "", "nexus.monitor.clock=wall");
        assertFailsNaming("nexus.monitor.rules[0]", "no such file or resource", "nexus.monitor.rules[0]=classpath:/our-ward.epl");
        assertFailsNaming("nexus.monitor.paging", "channel 'sms', which is not registered",
                "nexus.monitor.paging.recipients[0].id=nurse", "nexus.monitor.paging.recipients[0].channel=sms",
                "nexus.monitor.paging.recipients[0].address=+5511999999999");
        assertFailsNaming("nexus.monitor.paging.recipients[0].address", "it is required",
                "nexus.monitor.paging.recipients[0].id=nurse", "nexus.monitor.paging.recipients[0].channel=sms");
        assertFailsNaming("nexus.monitor.channels.", "SMTP", "nexus.monitor.channels.smtp-host=mail.example.org",
                "nexus.monitor.paging.recipients[0].id=nurse", "nexus.monitor.paging.recipients[0].channel=email",
                "nexus.monitor.paging.recipients[0].address=nurse@example.org", "nexus.monitor.channels.smtp-port=not-a-port");
    }

    @Test
    void aRuleFileThatDoesNotCompileFailsStartupNamingItsProperty(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("our-ward.epl"), "select nonsense from Nowhere;\n");
        assertFailsNaming("nexus.monitor.rules[0]", "our-ward.epl", "nexus.monitor.rules[0]=file:" + rules);
    }

    void assertFailsNaming(String property, String reason, String... properties) {
        runner.withPropertyValues("nexus.monitor.clock=event-time").withPropertyValues(properties).run(ctx -> {
            assertThat(ctx).hasFailed();
            List<String> messages = new ArrayList<>();
            for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
                messages.add(String.valueOf(t.getMessage()));
            }
            String all = String.join("\n", messages);
            assertThat(all).as("startup failure for %s", List.of(properties)).contains(property).contains(reason);
        });
    }
}
