/**
 * The compatibility kit (TCK) for notification channels: abstract JUnit 5 tests that a channel
 * implementation's test extends. Add {@code com.nexussaude:nexus-monitor-notify-tck} with test
 * scope; it brings JUnit Jupiter's API and AssertJ.
 */
package com.nexussaude.monitor.notify.tck;
