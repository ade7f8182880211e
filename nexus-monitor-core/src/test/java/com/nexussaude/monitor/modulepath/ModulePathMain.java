package com.nexussaude.monitor.modulepath;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.VitalMonitor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by ModulePathIT in a JVM of its own, with core's jar and its dependencies on the module path and
 * this class on the class path: prints the module core was loaded as, notify-spi's (a module-info of
 * its own), the module Esper was loaded as,
 * then every alert event of README's embedding example (SpO2 92 % for 40 s). Esper's generated classes
 * call core's EPL functions and read its event classes, so the alert only comes out if they can.
 */
public final class ModulePathMain {
    private ModulePathMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("core module: " + VitalMonitor.class.getModule().getName());
        Module spi = com.nexussaude.monitor.notify.NotificationChannel.class.getModule();
        String kind = spi.getDescriptor().isAutomatic() ? " (automatic)" : " (module-info)";
        System.out.println("notify-spi module: " + spi.getName() + kind);
        System.out.println("esper module: " + com.espertech.esper.runtime.client.EPRuntime.class.getModule().getName());
        List<String> printed = new ArrayList<>();
        try (VitalMonitor monitor = VitalMonitor.builder()
                .clock(MonitorClock.eventTime())
                .listener(event -> printed.add(event.type() + " " + event.alert().severity()
                        + " " + event.alert().patientId() + ": " + event.alert().message()))
                .build()) {
            monitor.register(PatientContext.of("bed-12").withWard("cardiology"));
            Instant t = Instant.parse("2026-11-25T08:00:00Z");
            for (int s = 0; s < 40; s++) {
                monitor.submit(Observation.builder("bed-12", t.plusSeconds(s)).heartRate(88).spo2(92).build());
            }
        }
        printed.forEach(line -> System.out.println("alert: " + line));
    }
}
