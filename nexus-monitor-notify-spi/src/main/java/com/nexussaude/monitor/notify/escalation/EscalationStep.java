package com.nexussaude.monitor.notify.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of an escalation: the level to page, whom and through which channels, and how long to
 * wait for an acknowledgement before the next step.
 *
 * <p>What follows a step is fixed by the SPI, so that every escalator walks a policy the same
 * way: when {@link #waitBeforeNext()} is present, the next step is {@code (level + 1, repeat)}, or
 * {@code (1, repeat + 1)} when this step is the {@link #lastLevel() last level} (the chain starts
 * over). When it is empty, nothing follows: the escalation has paged everyone it will page.
 *
 * @param level          the level, from 1
 * @param repeat         how many times the chain has already run to its end, from 0
 * @param name           a label for the level ({@code "charge nurse"}); may be empty, never null
 * @param targets        whom to page, in order; copied; may be empty (the level pages nobody and
 *                       is skipped)
 * @param channels       the channel names to page on ({@code "push"}, {@code "sms"}); a recipient
 *                       is paged on each of its contact points on these channels. Empty means
 *                       every contact point. Copied
 * @param waitBeforeNext how long to wait for an acknowledgement before the next step; zero pages
 *                       the next step at once; empty means no step follows
 * @param lastLevel      whether this is the policy's last level, so that the next step (if any)
 *                       starts the chain over at level 1
 * @since 0.1
 */
public record EscalationStep(
        int level,
        int repeat,
        String name,
        List<EscalationTarget> targets,
        List<String> channels,
        Optional<Duration> waitBeforeNext,
        boolean lastLevel) {

    /**
     * Checks and copies every component.
     *
     * @param level the level, from 1
     * @param repeat how many times the chain has already run to its end, from 0
     * @param name a label for the level ({@code "charge nurse"}); may be empty, never null
     * @param targets whom to page, in order; copied; may be empty (the level pages nobody and is skipped)
     * @param channels the channel names to page on ({@code "push"}, {@code "sms"}); a recipient is paged on
     *     each of its contact points on these channels. Empty means every contact point. Copied
     * @param waitBeforeNext how long to wait for an acknowledgement before the next step; zero pages the next
     *     step at once; empty means no step follows
     * @param lastLevel whether this is the policy's last level, so that the next step (if any) starts the
     *     chain over at level 1
     */
    public EscalationStep {
        if (level < 1) {
            throw new IllegalArgumentException("level must be >= 1, but was " + level);
        }
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must be >= 0, but was " + repeat);
        }
        Objects.requireNonNull(name, "name");
        targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
        channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
        for (String channel : channels) {
            if (channel.isBlank()) {
                throw new IllegalArgumentException("channel names must not be blank, but channels were " + channels);
            }
        }
        Objects.requireNonNull(waitBeforeNext, "waitBeforeNext");
        waitBeforeNext.ifPresent(w -> {
            if (w.isNegative()) {
                throw new IllegalArgumentException("waitBeforeNext must not be negative, but was " + w);
            }
        });
    }

    /**
     * True if another step follows this one.
     *
     * @return true if another step follows this one
     */
    public boolean hasNext() {
        return waitBeforeNext.isPresent();
    }

    /**
     * The level of the step that follows; meaningful only if {@link #hasNext()}.
     *
     * @return the level of the step that follows
     */
    public int nextLevel() {
        return lastLevel ? 1 : level + 1;
    }

    /**
     * The repeat count of the step that follows; meaningful only if {@link #hasNext()}.
     *
     * @return the repeat count of the step that follows
     */
    public int nextRepeat() {
        return lastLevel ? repeat + 1 : repeat;
    }

    /**
     * True if a contact point on {@code channel} is paged at this step.
     *
     * @param channel a channel name, as in {@link com.nexussaude.monitor.notify.ContactPoint#channel()}
     * @return true if a contact point on {@code channel} is paged at this step
     */
    public boolean usesChannel(String channel) {
        return channels.isEmpty() || channels.contains(channel);
    }
}
