package cn.hrss.monitor.warnings.lifecycle;

/** What changed about an alert; one {@link AlertTransition} per change. */
public enum Transition {
    /** An episode began: the condition holds and no alert of this rule and scope was open. */
    FIRING,
    /** The condition now holds with a more severe colour. */
    ESCALATED,
    /** The condition still holds, with a less severe colour. */
    DEESCALATED,
    /** Same colour, new evidence (a value moved, a window advanced). */
    UPDATED,
    /** The condition stayed clear for the rule's hold period: the episode is over. */
    RESOLVED
}
