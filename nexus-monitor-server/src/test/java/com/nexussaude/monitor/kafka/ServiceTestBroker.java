package com.nexussaude.monitor.kafka;

/**
 * The kafka module's {@link TestBroker} (its test-jar) for the service's tests: one real KRaft broker in the test
 * JVM, shared by every test class, each using topics of its own.
 */
public final class ServiceTestBroker {
    private ServiceTestBroker() {
    }

    /**
     * Starts the broker once per JVM.
     *
     * @return its bootstrap servers
     */
    public static String bootstrap() {
        return TestBroker.bootstrap();
    }

    /**
     * Creates the four topics of {@code prefix}, each with {@code partitions} partitions, and waits until they are led.
     *
     * @param prefix the topics' prefix
     * @param partitions partitions of each
     * @throws Exception if the broker refuses
     */
    public static void createTopics(String prefix, int partitions) throws Exception {
        TestBroker.createTopics(KafkaTopics.withPrefix(prefix), partitions);
    }
}
