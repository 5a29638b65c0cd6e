package cn.hrss.monitor.simulator.population;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A set of person or employer numbers with O(1) add, remove, membership and uniform random pick. */
public final class IndexedPool {
    private int[] members;
    /** Position of each number in {@link #members}, or -1. */
    private final int[] position;
    private int size;

    IndexedPool(int universe) {
        members = new int[Math.min(universe, 1024)];
        position = new int[universe];
        Arrays.fill(position, -1);
    }

    /** A copy with the same members in the same order (so picks stay deterministic). */
    IndexedPool copy() {
        IndexedPool c = new IndexedPool(position.length);
        c.members = Arrays.copyOf(members, Math.max(size, 1));
        System.arraycopy(position, 0, c.position, 0, position.length);
        c.size = size;
        return c;
    }

    void add(int n) {
        if (position[n] >= 0) {
            return;
        }
        if (size == members.length) {
            members = Arrays.copyOf(members, Math.min(position.length, members.length * 2));
        }
        members[size] = n;
        position[n] = size++;
    }

    public void remove(int n) {
        int at = position[n];
        if (at < 0) {
            return;
        }
        int last = members[--size];
        members[at] = last;
        position[last] = at;
        position[n] = -1;
    }

    public boolean contains(int n) {
        return position[n] >= 0;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** @return a uniformly random member; the pool must not be empty */
    public int pick(SplittableRandom rng) {
        return members[rng.nextInt(size)];
    }
}
