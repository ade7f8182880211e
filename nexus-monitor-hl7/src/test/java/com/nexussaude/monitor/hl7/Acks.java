package com.nexussaude.monitor.hl7;

import java.util.ArrayList;
import java.util.List;

/** Reads an ACK the way a sending device would: MSA-1, MSA-2 and the ERR-2 locations. */
final class Acks {
    record Ack(String code, String controlId, List<String> errorLocations) {
    }

    private Acks() {
    }

    static Ack parse(String text) {
        String code = null;
        String controlId = null;
        List<String> errors = new ArrayList<>();
        for (String segment : text.replace("\r\n", "\r").replace('\n', '\r').split("\r")) {
            String[] f = segment.split("\\|", -1);
            if (f[0].equals("MSA")) {
                code = f[1];
                controlId = f.length > 2 ? f[2] : "";
            } else if (f[0].equals("ERR")) {
                errors.add(f[2]);
            }
        }
        if (code == null) {
            throw new AssertionError("no MSA segment in ACK: " + text.replace('\r', '\n'));
        }
        return new Ack(code, controlId, errors);
    }
}
