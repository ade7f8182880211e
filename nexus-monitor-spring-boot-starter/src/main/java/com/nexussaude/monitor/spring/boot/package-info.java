/**
 * The Spring Boot starter: a {@link com.nexussaude.monitor.VitalMonitor} bean configured from
 * {@code application.yml} ({@link com.nexussaude.monitor.spring.boot.NexusMonitorProperties}), its
 * Micrometer meters, and a health indicator. See
 * {@link com.nexussaude.monitor.spring.boot.NexusMonitorAutoConfiguration}.
 *
 * @since 0.4
 */
package com.nexussaude.monitor.spring.boot;
