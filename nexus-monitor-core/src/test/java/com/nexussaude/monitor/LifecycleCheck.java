package com.nexussaude.monitor;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which a {@link RecordingListener} saw the alert lifecycle broken.
 *
 * <p>Listeners report violations here instead of throwing, because the monitor catches what a listener
 * throws. Registered for every test of this module by auto-detection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension} and
 * {@code junit-platform.properties}), so no test can forget it. The tests of this module run one at a
 * time, so the violations reported since the last check belong to the test that just ran.
 */
public final class LifecycleCheck implements AfterEachCallback {
    private static final List<String> VIOLATIONS = new ArrayList<>();

    static synchronized void violated(String violation) {
        VIOLATIONS.add(violation);
    }

    static synchronized List<String> take() {
        List<String> all = List.copyOf(VIOLATIONS);
        VIOLATIONS.clear();
        return all;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> violations = take();
        if (!violations.isEmpty()) {
            throw new AssertionError("the alert lifecycle was broken " + violations.size() + " time(s):\n  "
                    + String.join("\n  ", violations));
        }
    }
}
