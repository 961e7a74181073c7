package org.nqpf.indicator.entity;

import java.util.List;

/** One page of entities in id order, and how many match in all. */
public record EntityPage(List<Entity> items, long total, int page, int size) {

    public int lastPage() {
        return total == 0 ? 0 : (int) ((total - 1) / size);
    }
}
