package io.flashback.bridge.storage;

import java.util.List;

/** @param nextMarker the last key or common prefix returned, set when truncated */
public record ListPage(List<ObjectSummary> objects, List<String> commonPrefixes, boolean truncated, String nextMarker) {}
