package io.weir.cloud.internal.protocol;

/** BLUE &lt; YELLOW &lt; ORANGE &lt; RED for threshold alarms; FAULT for maintenance alarms. */
public enum AlarmLevel { BLUE, YELLOW, ORANGE, RED, FAULT }
