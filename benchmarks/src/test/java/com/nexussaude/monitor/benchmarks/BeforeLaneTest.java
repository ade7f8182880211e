package com.nexussaude.monitor.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nexussaude.monitor.VitalMonitor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code before} lane of {@link InterleavedBenchmark}: it runs the library built at the base commit (by
 * {@code benchmarks/before.sh}), not this jar's, and feeds it exactly the readings the {@code library} lane
 * gets. Skipped, with the command to run, when the old library has not been built.
 */
class BeforeLaneTest {
    private static final Pattern STAT = Pattern.compile("(accepted|signals|alertsRaised)=(\\d+)");

    private static void assumeBuilt() {
        assumeTrue(BeforeCode.find().isPresent(), "SKIPPED: the core at the base commit is not built; run "
                + "benchmarks/before.sh (writes benchmarks/target/before/classpath.txt) or pass -D"
                + BeforeCode.PROPERTY);
    }

    @Test
    void theBeforeLaneRunsTheOldLibraryInItsOwnClassLoader() throws Exception {
        assumeBuilt();
        InterleavedBenchmark.FeedLane lane = (InterleavedBenchmark.FeedLane) InterleavedBenchmark.lane("before:all:30");
        try {
            Class<?> feed = lane.instance.getClass();
            assertThat(feed.getName()).isEqualTo(WardFeed.class.getName());
            assertThat(feed).isNotSameAs(WardFeed.class);
            assertThat(feed.getClassLoader().getName()).isEqualTo("before");
            Class<?> monitor = (Class<?>) feed.getMethod("monitorClass").invoke(lane.instance);
            assertThat(monitor.getName()).isEqualTo(VitalMonitor.class.getName());
            assertThat(monitor).isNotSameAs(VitalMonitor.class);
            assertThat(monitor.getClassLoader()).isSameAs(feed.getClassLoader());
            // Esper too is the old classpath's, not this jar's.
            Class<?> esper = Class.forName("com.espertech.esper.runtime.client.EPRuntime", false, feed.getClassLoader());
            assertThat(esper.getClassLoader()).isSameAs(feed.getClassLoader());
        } finally {
            lane.close();
        }
    }

    @Test
    void bothLanesGetTheSameReadingsAndTheOldLibraryRaisesTheSameAlerts() throws Exception {
        assumeBuilt();
        InterleavedBenchmark.FeedLane now = (InterleavedBenchmark.FeedLane) InterleavedBenchmark.lane("library:all:50");
        InterleavedBenchmark.FeedLane before = (InterleavedBenchmark.FeedLane) InterleavedBenchmark.lane("before:all:50");
        try {
            Method digest = before.instance.getClass().getMethod("readingsDigest", long.class, int.class);
            for (long from : new long[] {0, 123_457, 50L * 3600 - 17}) {
                assertThat(digest.invoke(before.instance, from, 5_000))
                        .as("readings from %d", from)
                        .isEqualTo(((WardFeed) now.instance).readingsDigest(from, 5_000));
            }
            // 40 minutes of ward time in turns, as the benchmark runs them: one deteriorating bed, whose
            // plateau trips every pack, so both libraries raise alerts.
            for (int turn = 0; turn < 120; turn++) {
                now.run(1_000);
                before.run(1_000);
            }
            long readings = (long) before.instance.getClass().getMethod("readings").invoke(before.instance);
            long oldAlerts = (long) before.instance.getClass().getMethod("alertEvents").invoke(before.instance);
            assertThat(readings).isEqualTo(120_000).isEqualTo(((WardFeed) now.instance).readings());
            assertThat(oldAlerts).isPositive().isEqualTo(((WardFeed) now.instance).alertEvents());
            String oldStats = stats(before);
            assertThat(oldStats).contains("accepted=120000").isEqualTo(stats(now));
        } finally {
            now.close();
            before.close();
        }
    }

    @Test
    void aMissingOrStaleClasspathFileSaysToRunTheScript() {
        assertThatThrownBy(() -> BeforeCode.loader(Path.of("target/no-such-before/classpath.txt")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-before")
                .hasMessageContaining("benchmarks/before.sh");
    }

    /** The counts both versions' stats report (the record's other fields may differ between versions). */
    @SuppressWarnings("unchecked")
    private static String stats(InterleavedBenchmark.FeedLane lane) {
        Matcher m = STAT.matcher(((Supplier<String>) lane.instance).get());
        StringBuilder counts = new StringBuilder();
        while (m.find()) {
            counts.append(m.group()).append(' ');
        }
        return counts.toString();
    }
}
