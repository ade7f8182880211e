/**
 * Asynchronous delivery of notifications through the registered channels: the
 * {@link com.nexussaude.monitor.notify.dispatch.NotificationDispatcher}, its
 * {@link com.nexussaude.monitor.notify.dispatch.RetryPolicy} and
 * {@link com.nexussaude.monitor.notify.dispatch.RateLimit}, the
 * {@link com.nexussaude.monitor.notify.dispatch.DeliveryListener} that hears about every attempt,
 * and the {@link com.nexussaude.monitor.notify.dispatch.DeliveryScheduler} that supplies time and
 * threads. JDK only, so the engine can dispatch without depending on any channel implementation.
 */
package com.nexussaude.monitor.notify.dispatch;
