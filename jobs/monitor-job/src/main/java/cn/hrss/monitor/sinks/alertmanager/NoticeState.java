package cn.hrss.monitor.sinks.alertmanager;

import java.util.List;

/** The Alertmanager sink's checkpointed state: the notices not yet delivered everywhere, and the firing ones. */
record NoticeState(List<Notice> notices) {}
