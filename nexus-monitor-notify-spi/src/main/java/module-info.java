/**
 * The notification SPI: the contracts shared by the engine and channel implementations (a channel, the
 * notification it sends, the asynchronous dispatcher, escalation's plug-in points). JDK only; every
 * package is API, so every package is exported.
 */
module com.nexussaude.monitor.notify.spi {
    exports com.nexussaude.monitor.notify;
    exports com.nexussaude.monitor.notify.dispatch;
    exports com.nexussaude.monitor.notify.escalation;
}
