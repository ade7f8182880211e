package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.VitalMonitor;

/**
 * The training run of an application class-data-sharing archive (AppCDS) for start-up: what
 * {@link StartupBenchmark#coldStart} times (build a monitor with the default packs, submit the first
 * observation), then a minute of a 30-bed ward so that the classes an alert loads are archived too.
 * {@code benchmarks/appcds.sh} runs it under {@code -XX:ArchiveClassesAtExit}; a host does the same with its own
 * start-up (README, "Start-up").
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    /** Builds, feeds a minute of ward and closes one monitor. */
    public static void main(String[] args) {
        WardWorkload ward = new WardWorkload(30, 42);
        WardWorkload.Reading scratch = new WardWorkload.Reading();
        try (VitalMonitor monitor = VitalMonitor.builder().config(MonitorConfig.defaults())
                .clock(MonitorClock.eventTime()).listenerExecutor(Runnable::run).build()) {
            for (int i = 0; i < 30 * 60; i++) {
                monitor.submit(ward.observation(i, scratch));
            }
            System.out.println("trained: " + monitor.stats().accepted() + " observations accepted");
        }
    }
}
