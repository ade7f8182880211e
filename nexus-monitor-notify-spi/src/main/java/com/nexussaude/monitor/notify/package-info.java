/**
 * The plug-in contracts of Nexus Monitor, shared by the engine and by implementations of
 * notification channels and escalation policies. This module depends on the JDK only.
 */
package com.nexussaude.monitor.notify;
