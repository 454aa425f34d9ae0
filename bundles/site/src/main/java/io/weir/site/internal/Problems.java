package io.weir.site.internal;

import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.nodes.Node;

/** Collects the problems of one file, so a technician sees all of them from one run, not one per edit. */
final class Problems {

    private final String file;
    private final List<Problem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(Node at, String field, String message) {
        add(lineOf(at), field, message);
    }

    void add(int line, String field, String message) {
        list.add(new Problem(file, line, field, message));
    }

    /** Problems found in another file (a device profile) that make this one unusable. */
    void addAll(List<Problem> others) {
        list.addAll(others);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(list);
    }

    /** SnakeYAML counts lines from 0; editors and people count from 1. */
    static int lineOf(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
