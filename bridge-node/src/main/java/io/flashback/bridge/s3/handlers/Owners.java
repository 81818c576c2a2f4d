package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.Xml;

final class Owners {
    private Owners() {}

    static void write(Xml x, String owner) {
        x.open("Owner").element("ID", owner).element("DisplayName", owner).close("Owner");
    }
}
