package dev.gossip.sim;

import java.util.List;

/**
 * One row of an experiment's result, as named cells for {@link RowWriter}. Every row of one
 * experiment has the same columns.
 */
public interface Row {

    /** @return the column names, in order, as in a CSV header */
    List<String> columns();

    /** @return the cells, in column order: {@link Number}s, {@link Boolean}s or {@link String}s */
    List<Object> values();
}
