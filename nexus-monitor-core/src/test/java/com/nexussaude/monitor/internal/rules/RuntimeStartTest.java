package com.nexussaude.monitor.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.common.client.configuration.ConfigurationException;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import org.junit.jupiter.api.Test;

/**
 * The runtime created on a thread of its own reaches the building thread as created, with what its creation
 * threw as thrown; a build abandoned before it took the runtime leaves no runtime registered.
 */
class RuntimeStartTest {
    @Test
    void theBuildingThreadGetsTheRuntimeTheOtherThreadCreated() {
        RuntimeStart start = RuntimeStart.begin("runtime-start-test-1", EsperSetup.configuration());
        EPRuntime runtime = start.await();
        try {
            assertThat(runtime.getURI()).isEqualTo("runtime-start-test-1");
            assertThat(EPRuntimeProvider.getExistingRuntime("runtime-start-test-1")).isSameAs(runtime);
            assertThat(start.await()).isSameAs(runtime);
        } finally {
            runtime.destroy();
        }
    }

    @Test
    void anInterruptedBuildStillGetsTheRuntimeAndKeepsItsInterruptStatus() {
        RuntimeStart start = RuntimeStart.begin("runtime-start-test-2", EsperSetup.configuration());
        Thread.currentThread().interrupt();
        EPRuntime runtime = start.await();
        try {
            assertThat(Thread.interrupted()).as("the interrupt status, kept (and cleared here)").isTrue();
            assertThat(runtime.isDestroyed()).isFalse();
        } finally {
            runtime.destroy();
        }
    }

    @Test
    void anAbandonedBuildDestroysTheRuntime() {
        RuntimeStart start = RuntimeStart.begin("runtime-start-test-3", EsperSetup.configuration());
        IllegalStateException failure = new IllegalStateException("the journal could not be restored");
        start.abandon(failure);
        assertThat(EPRuntimeProvider.hasRuntime("runtime-start-test-3")).isFalse();
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void whatTheCreationThrowsIsThrownToTheBuildingThreadAndToTheAbandonedBuildsFailure() {
        Configuration cfg = EsperSetup.configuration();
        cfg.getCommon().addEventType("Missing", "com.nexussaude.monitor.NoSuchClass");
        RuntimeStart start = RuntimeStart.begin("runtime-start-test-4", cfg);
        assertThatThrownBy(start::await).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("com.nexussaude.monitor.NoSuchClass");
        IllegalStateException failure = new IllegalStateException("the build failed");
        start.abandon(failure);
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(ConfigurationException.class);
        assertThat(EPRuntimeProvider.hasRuntime("runtime-start-test-4")).isFalse();
    }
}
